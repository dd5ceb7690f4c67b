"""Business rules under concurrency, on committed databases (real transactions and locks)."""

import asyncio
from collections import Counter

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tests.helpers import Shop

pytestmark = pytest.mark.asyncio


@pytest.mark.day(37)
@pytest.mark.hint("Lock the product rows (SELECT ... FOR UPDATE) before reading their stock.")
async def test_fifty_concurrent_buyers_of_ten_units_get_exactly_ten_orders(
    committed_engine: AsyncEngine,
) -> None:
    from app.errors import OutOfStock
    from app.services import orders
    from app.services.orders import OrderLine
    from app.unit_of_work import SqlAlchemyUnitOfWork

    async with committed_engine.begin() as conn:
        shop = Shop(conn)
        buyers = [await shop.user() for _ in range(50)]
        product = await shop.product(stock=10)

    async def buy(user_id: int) -> str:
        async with AsyncSession(committed_engine, expire_on_commit=False) as session:
            try:
                await orders.place_order(
                    SqlAlchemyUnitOfWork(session), user_id, [OrderLine(product, 1)]
                )
            except OutOfStock:
                return "out of stock"
            return "ordered"

    outcomes = Counter(await asyncio.gather(*(buy(b.id) for b in buyers)))
    async with committed_engine.connect() as conn:
        stock = await Shop(conn).stock(product)
        placed = await Shop(conn).scalar("SELECT count(*) FROM orders")
    got = (outcomes["ordered"], outcomes["out of stock"], placed, stock)
    assert got == (10, 40, 10, 0), (
        f"Called place_order 50 times at once on stock 10. Got (ordered, refused, orders, stock) "
        f"{got}, expected (10, 40, 10, 0)"
    )


@pytest.mark.day(38)
async def test_fifty_concurrent_order_requests_get_ten_201_and_forty_409(
    committed_client: httpx.AsyncClient, committed_engine: AsyncEngine
) -> None:
    async with committed_engine.begin() as conn:
        shop = Shop(conn)
        buyers = [await shop.user() for _ in range(50)]
        product = await shop.product(stock=10)
    body = {"items": [{"product_id": product, "quantity": 1}]}
    responses = await asyncio.gather(
        *(committed_client.post("/orders", json=body, headers=b.headers) for b in buyers)
    )
    statuses = Counter(r.status_code for r in responses)
    async with committed_engine.connect() as conn:
        stock = await Shop(conn).stock(product)
    assert (statuses[201], statuses[409], stock) == (10, 40, 0), (
        f"Called POST /orders 50 times at once on stock 10. Got statuses {dict(statuses)} and "
        f"stock {stock}, expected 10 x 201, 40 x 409, stock 0"
    )


@pytest.mark.day(38)
@pytest.mark.hint("Take row locks in one order (by id) whatever the order of the lines.")
async def test_opposite_orders_of_the_same_two_products_never_deadlock_into_a_500(
    committed_client: httpx.AsyncClient, committed_engine: AsyncEngine
) -> None:
    async with committed_engine.begin() as conn:
        shop = Shop(conn)
        buyer = await shop.user()
        a, b = await shop.product(stock=1000), await shop.product(stock=1000)
    forward = {"items": [{"product_id": a, "quantity": 1}, {"product_id": b, "quantity": 1}]}
    backward = {"items": [{"product_id": b, "quantity": 1}, {"product_id": a, "quantity": 1}]}
    statuses: Counter[int] = Counter()
    for _ in range(3):
        responses = await asyncio.gather(
            *(
                committed_client.post("/orders", json=body, headers=buyer.headers)
                for body in [forward, backward] * 5
            )
        )
        statuses.update(r.status_code for r in responses)
    assert statuses == Counter({201: 30}), (
        f"Called 30 POST /orders naming two products in opposite orders. Got {dict(statuses)}, "
        "expected 30 x 201"
    )
