"""Duplicates through the app's own get_db on a database with real commits.

A commit placed after `yield` in get_db runs once the response has been sent: the
second identical POST would answer 201 and then fail. These tests catch that.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.pool import NullPool

from app.database import make_engine
from app.main import create_app

pytestmark = [pytest.mark.day(34), pytest.mark.asyncio]

BODY = {"email": "ada@example.com", "name": "Ada"}


@pytest_asyncio.fixture
async def real_client(committed_database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client on an app with its real get_db, its lifespan run in this test's loop."""
    app = create_app(committed_database_url)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        yield client


async def stored_users(url: str) -> int:
    engine = make_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            return int(await connection.scalar(text("SELECT count(*) FROM users")) or 0)
    finally:
        await engine.dispose()


async def test_two_identical_posts_in_turn_answer_201_then_409(
    real_client: httpx.AsyncClient, committed_database_url: str
) -> None:
    first = await real_client.post("/users", json=BODY)
    second = await real_client.post("/users", json=BODY)
    got = (first.status_code, second.status_code)
    assert got == (201, 409), f"Called POST /users twice with the real get_db. Got {got}"
    stored = await stored_users(committed_database_url)
    assert stored == 1, f"Called POST /users twice. Got {stored} users stored, expected 1"


async def test_two_identical_posts_at_once_give_one_201_and_one_409(
    real_client: httpx.AsyncClient, committed_database_url: str
) -> None:
    responses = await asyncio.gather(*(real_client.post("/users", json=BODY) for _ in range(2)))
    got = sorted(response.status_code for response in responses)
    assert got == [201, 409], f"Called POST /users twice at once. Got {got}, expected [201, 409]"
    stored = await stored_users(committed_database_url)
    assert stored == 1, f"Called POST /users twice at once. Got {stored} users stored, 1"
