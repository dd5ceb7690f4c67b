"""Day 41: checkout: one transaction, current prices, and safe retries with Idempotency-Key."""

import asyncio

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.helpers import Person, Shop

pytestmark = [
    pytest.mark.day(41),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "idempotent_checkout: try the advisory lock (409 if taken), replay a stored answer "
        "(422 if the body differs), else check out and store the answer in the same transaction."
    ),
]


async def _fill(client: httpx.AsyncClient, who: Person, product: int, quantity: int = 2) -> None:
    response = await client.post(
        "/cart/items", json={"product_id": product, "quantity": quantity}, headers=who.headers
    )
    assert response.status_code == 200, (
        f"Called POST /cart/items. Got {response.status_code} {response.text}"
    )


async def test_checkout_turns_the_cart_into_an_order_at_current_prices(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    pen = await shop.product("2.00", stock=5)
    await _fill(async_client, customer, pen)
    await shop.execute("UPDATE products SET price = 2.25 WHERE id = :p", p=pen)
    response = await async_client.post("/cart/checkout", headers=customer.headers)
    assert response.status_code == 201, (
        f"Called POST /cart/checkout. Got {response.status_code} {response.text}"
    )
    order = response.json()
    cart = (await async_client.get("/cart", headers=customer.headers)).json()
    got = (order["total"], order["items"][0]["unit_price"], cart["items"], await shop.stock(pen))
    assert got == ("4.50", "2.25", [], 3), f"Called checkout after a price change. Got {got}"


async def test_an_empty_cart_or_a_changed_total_is_409(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    empty = await async_client.post("/cart/checkout", headers=customer.headers)
    await _fill(async_client, customer, await shop.product("2.00"))
    changed = await async_client.post(
        "/cart/checkout", json={"expected_total": "3.00"}, headers=customer.headers
    )
    got = [(r.status_code, r.json()["code"]) for r in (empty, changed)]
    assert got == [(409, "conflict")] * 2, (
        f"Called checkout of an empty cart and with a stale total. Got {got}"
    )


async def test_the_same_key_and_body_return_the_stored_answer_and_one_order(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    pen = await shop.product("2.00", stock=10)
    await _fill(async_client, customer, pen)
    headers = {**customer.headers, "Idempotency-Key": "order-7f3a"}
    body = {"expected_total": "4.00"}
    first = await async_client.post("/cart/checkout", json=body, headers=headers)
    await _fill(async_client, customer, pen)
    retry = await async_client.post("/cart/checkout", json=body, headers=headers)
    orders = await shop.scalar("SELECT count(*) FROM orders WHERE user_id = :u", u=customer.id)
    got = (
        first.status_code,
        retry.status_code,
        retry.json() == first.json(),
        orders,
        await shop.stock(pen),
    )
    assert got == (201, 201, True, 1, 8), (
        f"Called checkout twice with one key. Got (statuses, same answer, orders, stock) {got}"
    )
    other_body = await async_client.post(
        "/cart/checkout", json={"expected_total": "9.00"}, headers=headers
    )
    got_other = (other_body.status_code, other_body.json()["code"])
    assert got_other == (422, "idempotency_key_reused"), (
        f"Called the key with another body. Got {got_other}"
    )


async def test_keys_are_scoped_per_user(
    async_client: httpx.AsyncClient, customer: Person, shop: Shop
) -> None:
    other = await shop.user()
    pen = await shop.product("2.00", stock=10)
    ids = []
    for who in (customer, other):
        await _fill(async_client, who, pen)
        response = await async_client.post(
            "/cart/checkout", headers={**who.headers, "Idempotency-Key": "same"}
        )
        ids.append(response.json()["id"])
    assert ids[0] != ids[1], (
        f"Called checkout by two users with the same key. Got orders {ids}, expected two"
    )


async def test_a_retry_while_the_first_request_runs_is_409(
    committed_client: httpx.AsyncClient, committed_engine: AsyncEngine
) -> None:
    async with committed_engine.begin() as conn:
        shop = Shop(conn)
        buyer = await shop.user()
        pen = await shop.product("2.00", stock=10)
    await _fill(committed_client, buyer, pen)
    headers = {**buyer.headers, "Idempotency-Key": "slow-one"}
    async with committed_engine.connect() as blocker:
        # Hold the product's row lock: the first checkout waits inside its transaction.
        await Shop(blocker).execute("SELECT 1 FROM products WHERE id = :p FOR UPDATE", p=pen)
        first = asyncio.create_task(committed_client.post("/cart/checkout", headers=headers))
        await asyncio.sleep(0.3)
        retry = await committed_client.post("/cart/checkout", headers=headers)
        await blocker.rollback()
    done = await first
    got = (retry.status_code, retry.json()["code"], done.status_code)
    assert got == (409, "request_in_progress", 201), f"Called a retry during a checkout. Got {got}"


async def test_two_concurrent_checkouts_of_one_cart_make_one_order(
    committed_client: httpx.AsyncClient, committed_engine: AsyncEngine
) -> None:
    async with committed_engine.begin() as conn:
        shop = Shop(conn)
        buyer = await shop.user()
        pen = await shop.product("2.00", stock=10)
    await _fill(committed_client, buyer, pen)
    answers = await asyncio.gather(
        *(committed_client.post("/cart/checkout", headers=buyer.headers) for _ in range(2))
    )
    async with committed_engine.connect() as conn:
        orders = await Shop(conn).scalar("SELECT count(*) FROM orders")
        stock = await Shop(conn).stock(pen)
    got = (sorted(a.status_code for a in answers), orders, stock)
    assert got == ([201, 409], 1, 8), f"Called two checkouts of one cart at once. Got {got}"
