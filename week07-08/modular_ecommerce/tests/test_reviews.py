"""Day 55: only customers who received a product review it, once; products asks orders
through a port, so neither module imports the other's internals."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from tests.helpers import Shop

pytestmark = [
    pytest.mark.day(55),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "products asks PURCHASE_CHECK; orders provides has_received in its module.py."
    ),
]

REVIEW = {"rating": 5, "comment": "Clicky. Love it."}


async def test_a_customer_who_received_the_product_reviews_it_once(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    buyer = await shop.user()
    product = await shop.product()
    await shop.order(buyer.id, [(product, 1, "10.00")], status="delivered")
    first = await api.post(f"/products/{product}/reviews", json=REVIEW, headers=buyer.headers)
    second = await api.post(f"/products/{product}/reviews", json=REVIEW, headers=buyer.headers)
    got = (first.status_code, second.status_code, second.json()["error"])
    assert got == (201, 409, "already_reviewed"), f"Called POST a review twice. Got {got}"
    page = (await api.get(f"/products/{product}/reviews")).json()
    assert (page["total"], page["average_rating"], page["items"][0]["rating"]) == (1, "5.00", 5), (
        f"Called GET /products/{{id}}/reviews. Got {page}"
    )


@pytest.mark.parametrize("status", [None, "pending", "paid", "shipped", "cancelled"])
async def test_no_review_without_a_delivered_order(
    api: httpx.AsyncClient, shop: Shop, status: str | None
) -> None:
    buyer = await shop.user()
    product = await shop.product()
    if status:
        await shop.order(buyer.id, [(product, 1, "10.00")], status=status)
    response = await api.post(f"/products/{product}/reviews", json=REVIEW, headers=buyer.headers)
    assert (response.status_code, response.json()["error"]) == (409, "purchase_required"), (
        f"Called POST a review with an order {status}. Got {response.status_code} {response.text}"
    )


async def test_the_average_is_exact_to_the_cent(api: httpx.AsyncClient, shop: Shop) -> None:
    product = await shop.product()
    for rating in (5, 4, 4):
        buyer = await shop.user()
        await shop.order(buyer.id, [(product, 1, "10.00")], status="delivered")
        await api.post(
            f"/products/{product}/reviews", json={"rating": rating}, headers=buyer.headers
        )
    page = (await api.get(f"/products/{product}/reviews")).json()
    assert page["average_rating"] == "4.33", f"Got {page['average_rating']}, expected 4.33"


@pytest.mark.parametrize("rating", [0, 6, "five"])
async def test_a_rating_is_1_to_5(api: httpx.AsyncClient, shop: Shop, rating: object) -> None:
    buyer = await shop.user()
    product = await shop.product()
    response = await api.post(
        f"/products/{product}/reviews", json={"rating": rating}, headers=buyer.headers
    )
    assert response.status_code == 422, f"Got {response.status_code}"


async def test_reviews_of_an_unknown_product_are_404(api: httpx.AsyncClient, shop: Shop) -> None:
    buyer = await shop.user()
    got = [
        (await api.get("/products/999999/reviews")).status_code,
        (
            await api.post("/products/999999/reviews", json=REVIEW, headers=buyer.headers)
        ).status_code,
    ]
    assert got == [404, 404], f"Got {got}"


async def client_for(
    settings: Settings, session: AsyncSession, modules: tuple[str, ...]
) -> AsyncIterator[httpx.AsyncClient]:
    """A client on an app of the named modules, on the test's session."""
    from app.database import get_session
    from app.main import create_app

    app = create_app(settings, modules=modules)

    async def same_session() -> AsyncIterator[AsyncSession]:
        yield session

    app.dependency_overrides[get_session] = same_session
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


async def test_without_orders_nobody_has_received_anything(
    settings: Settings, async_db_session: AsyncSession, shop: Shop
) -> None:
    buyer = await shop.user()
    product = await shop.product()
    await shop.order(buyer.id, [(product, 1, "10.00")], status="delivered")
    review = {"rating": 5}
    got = []
    for modules in (("auth", "products"), ("auth", "products", "orders")):
        async for client in client_for(settings, async_db_session, modules):
            response = await client.post(
                f"/products/{product}/reviews", json=review, headers=buyer.headers
            )
            got.append(response.status_code)
    assert got == [409, 201], (
        f"Called POST a review without and with the orders module. Got {got}, expected "
        "[409, 201]: products' PURCHASE_CHECK port answers no when orders is left out"
    )
