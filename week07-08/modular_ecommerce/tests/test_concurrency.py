"""Day 55: no oversell under concurrency, on a database of the test's own where commits
are real: 50 buyers race for 10 units, and one cart checked out twice at once."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import create_async_engine

from tests.helpers import Person, Shop

pytestmark = [
    pytest.mark.day(55),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "Take stock with one conditional UPDATE ... SET stock = stock - :q WHERE id = :id "
        "AND stock >= :q (rows in id order); lock the cart's rows FOR UPDATE at checkout."
    ),
]


async def setup(app: FastAPI, buyers: int, stock: int, copies: int = 1) -> tuple[int, list[Person]]:
    url = sa.make_url(app.state.runtime.settings.database_url.get_secret_value())
    engine = create_async_engine(url, poolclass=sa.NullPool)
    async with engine.begin() as conn:
        shop = Shop(conn, app.state.runtime.settings)
        product = await shop.product(stock=stock)
        people = [await shop.user() for _ in range(buyers)]
        for person in people:
            await shop.cart(person.id, product, 1)
    await engine.dispose()
    return product, people * copies


async def facts(url: str, product: int) -> tuple[int, int]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        stock = conn.execute(
            sa.text("SELECT stock FROM products WHERE id = :i"), {"i": product}
        ).scalar()
        orders = conn.execute(sa.text("SELECT count(*) FROM orders")).scalar()
    engine.dispose()
    return int(stock or 0), int(orders or 0)


async def checkout_all(app: FastAPI, people: list[Person]) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return list(
            await asyncio.gather(*(client.post("/orders", headers=p.headers) for p in people))
        )


async def test_50_buyers_for_10_units_make_exactly_10_orders(
    committed_app: tuple[FastAPI, str],
) -> None:
    app, url = committed_app
    product, people = await setup(app, buyers=50, stock=10)
    answers = await checkout_all(app, people)
    codes = sorted(r.status_code for r in answers)
    errors = {r.json()["error"] for r in answers if r.status_code == 409}
    got = (codes.count(201), codes.count(409), errors, await facts(url, product))
    assert got == (10, 40, {"out_of_stock"}, (0, 10)), (
        f"Called POST /orders for 50 buyers at once, stock 10. Got (201s, 409s, errors, "
        f"(stock, orders)) = {got}, expected (10, 40, {{'out_of_stock'}}, (0, 10))"
    )


async def test_one_cart_checked_out_twice_at_once_makes_one_order(
    committed_app: tuple[FastAPI, str],
) -> None:
    app, url = committed_app
    product, people = await setup(app, buyers=1, stock=5, copies=2)
    codes = sorted(r.status_code for r in await checkout_all(app, people))
    got = (codes, await facts(url, product))
    assert got == ([201, 422], (4, 1)), (
        f"Called POST /orders twice at once with one cart. Got {got}, expected one order "
        "and an empty cart for the second: ([201, 422], (stock 4, 1 order))"
    )
