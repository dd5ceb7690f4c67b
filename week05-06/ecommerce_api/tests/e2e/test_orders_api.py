"""Day 38: placing orders over HTTP, and each user's order history."""

import httpx
import pytest

from tests.helpers import Person, Shop

pytestmark = [pytest.mark.day(38), pytest.mark.asyncio]


async def test_an_order_takes_the_stock_and_keeps_the_prices_paid(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    pen, ink = await shop.product("1.10", 10), await shop.product("3.35", 5)
    body = {"items": [{"product_id": pen, "quantity": 3}, {"product_id": ink, "quantity": 2}]}
    response = await async_client.post("/orders", json=body, headers=customer.headers)
    assert response.status_code == 201, (
        f"Called POST /orders. Got {response.status_code} {response.text}"
    )
    order = response.json()
    got = (
        order["status"],
        order["total"],
        [(i["product_id"], i["unit_price"], i["line_total"]) for i in order["items"]],
        await shop.stock(pen),
    )
    expected = ("pending", "10.00", [(pen, "1.10", "3.30"), (ink, "3.35", "6.70")], 7)
    assert got == expected, f"Called POST /orders. Got {got}, expected {expected}"


async def test_out_of_stock_is_409_and_nothing_changes(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    plenty, scarce = await shop.product(stock=5), await shop.product(stock=1)
    body = {"items": [{"product_id": plenty, "quantity": 1}, {"product_id": scarce, "quantity": 2}]}
    response = await async_client.post("/orders", json=body, headers=customer.headers)
    got = (
        response.status_code,
        response.json()["code"],
        await shop.stock(plenty),
        await shop.stock(scarce),
    )
    assert got == (409, "out_of_stock", 5, 1), f"Called POST /orders, second line short. Got {got}"


@pytest.mark.parametrize(
    "items",
    [
        [],
        [{"product_id": 999_999, "quantity": 1}],
        [{"product_id": 1, "quantity": 0}],
        [{"product_id": 1, "quantity": 1001}],
    ],
)
async def test_invalid_orders_are_422(
    async_client: httpx.AsyncClient, customer: Person, items: list[object]
) -> None:
    response = await async_client.post("/orders", json={"items": items}, headers=customer.headers)
    assert response.status_code == 422, f"Called POST /orders {items}. Got {response.status_code}"


async def test_ordering_needs_a_token(async_client: httpx.AsyncClient) -> None:
    response = await async_client.post(
        "/orders", json={"items": [{"product_id": 1, "quantity": 1}]}
    )
    assert response.status_code == 401, (
        f"Called POST /orders without a token. Got {response.status_code}"
    )


async def test_history_is_newest_first_and_other_users_orders_are_404(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    other = await shop.user()
    product = await shop.product(stock=10)
    first = await shop.order(customer.id, [(product, 1, "10.00")])
    second = await shop.order(customer.id, [(product, 2, "10.00")])
    theirs = await shop.order(other.id, [(product, 1, "10.00")])
    history = (await async_client.get("/orders", headers=customer.headers)).json()
    ids = [o["id"] for o in history["items"]]
    assert ids == [second, first], f"Called GET /orders. Got {ids}, expected [{second}, {first}]"
    mine = await async_client.get(f"/orders/{first}", headers=customer.headers)
    not_mine = await async_client.get(f"/orders/{theirs}", headers=customer.headers)
    assert (mine.status_code, not_mine.status_code) == (200, 404), (
        f"Called GET own and other's order. Got {(mine.status_code, not_mine.status_code)}"
    )
