"""Async fixtures for the async days (``AsyncSession``, an httpx ``AsyncClient``).

Loaded by the journey plugin. Every engine here is made inside the test's own event
loop and uses ``NullPool``: an asyncpg connection belongs to the loop that opened it,
so an engine shared across tests (each with its own loop) would hand a test a
connection of a dead loop.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

import pytest_asyncio

if TYPE_CHECKING:
    import httpx
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession


@pytest_asyncio.fixture
async def async_engine(async_database_url: str) -> AsyncIterator[AsyncEngine]:
    """An async engine on this run's database, made in the test's event loop."""
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    engine = create_async_engine(async_database_url, poolclass=NullPool)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest_asyncio.fixture
async def async_db_session(async_engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """An ``AsyncSession`` whose work is rolled back after the test, commits included."""
    from sqlalchemy.ext.asyncio import AsyncSession

    async with async_engine.connect() as connection:
        outer = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            await session.close()
            if outer.is_active:
                await outer.rollback()


@pytest_asyncio.fixture
async def async_client(
    journey_app: Any, journey_get_db: Callable[..., Any], async_db_session: AsyncSession
) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx ``AsyncClient`` on the app (lifespan run), its database dependency
    replaced by the test's rolled-back ``async_db_session``."""
    import httpx

    async def override() -> AsyncIterator[AsyncSession]:
        yield async_db_session

    journey_app.dependency_overrides[journey_get_db] = override
    transport = httpx.ASGITransport(app=journey_app)
    try:
        async with (
            journey_app.router.lifespan_context(journey_app),
            httpx.AsyncClient(transport=transport, base_url="http://test") as client,
        ):
            yield client
    finally:
        journey_app.dependency_overrides.pop(journey_get_db, None)
