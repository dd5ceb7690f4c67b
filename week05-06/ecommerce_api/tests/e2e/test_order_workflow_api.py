"""Day 39: PATCH /orders/{id}/status over HTTP."""

import asyncio

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.helpers import Person, Shop

pytestmark = [pytest.mark.day(39), pytest.mark.asyncio]


async def _status(
    client: httpx.AsyncClient, order: int, status: str, who: Person
) -> httpx.Response:
    return await client.patch(
        f"/orders/{order}/status", json={"status": status}, headers=who.headers
    )


async def test_an_order_goes_from_pending_to_delivered(
    async_client: httpx.AsyncClient, customer: Person, admin: Person, shop: Shop
) -> None:
    order = await shop.order(customer.id, [(await shop.product(), 1, "10.00")])
    steps = [("paid", customer), ("shipped", admin), ("delivered", admin)]
    got = [(await _status(async_client, order, s, who)).json()["status"] for s, who in steps]
    assert got == ["paid", "shipped", "delivered"], f"Called the workflow. Got {got}"


async def test_refused_moves(
    async_client: httpx.AsyncClient, customer: Person, admin: Person, shop: Shop
) -> None:
    other = await shop.user()
    product = await shop.product()
    delivered = await shop.order(customer.id, [(product, 1, "10.00")], status="delivered")
    pending = await shop.order(customer.id, [(product, 1, "10.00")])
    theirs = await shop.order(other.id, [(product, 1, "10.00")])
    answers = [
        await _status(async_client, delivered, "paid", admin),
        await _status(async_client, pending, "shipped", customer),
        await _status(async_client, theirs, "paid", customer),
        await _status(async_client, pending, "lost", admin),
        await _status(async_client, 2**31, "paid", admin),
    ]
    got = [(a.status_code, a.json()["code"]) for a in answers]
    expected = [
        (409, "invalid_transition"),
        (403, "forbidden"),
        (404, "not_found"),
        (422, "validation_error"),
        (422, "validation_error"),
    ]
    assert got == expected, f"Called five refused status changes. Got {got}, expected {expected}"


async def test_cancelling_a_paid_order_returns_its_stock(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    product = await shop.product(stock=10)
    body = {"items": [{"product_id": product, "quantity": 4}]}
    order = (await async_client.post("/orders", json=body, headers=customer.headers)).json()["id"]
    await _status(async_client, order, "paid", customer)
    cancelled = await _status(async_client, order, "cancelled", customer)
    got = (cancelled.json()["status"], await shop.stock(product))
    assert got == ("cancelled", 10), (
        f"Called cancel on a paid order of 4. Got {got}, expected ('cancelled', 10)"
    )


async def test_two_concurrent_payments_of_one_order_one_succeeds(
    committed_client: httpx.AsyncClient, committed_engine: AsyncEngine
) -> None:
    async with committed_engine.begin() as conn:
        shop = Shop(conn)
        buyer = await shop.user()
        orders = [
            await shop.order(buyer.id, [(await shop.product(), 1, "10.00")]) for _ in range(5)
        ]
    for order in orders:
        answers = await asyncio.gather(
            *(_status(committed_client, order, "paid", buyer) for _ in range(2))
        )
        got = sorted(a.status_code for a in answers)
        assert got == [200, 409], (
            f"Called two concurrent payments of order {order}. Got {got}, expected [200, 409]"
        )
