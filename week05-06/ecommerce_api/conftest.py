"""Wire the e-commerce API into the journey plugin: its migrated schema, its app, its session.

The app is imported inside the fixtures, never at module level: day 36's tests need only
the models and the first migration, so they run before the rest of the app is written.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio
import sqlalchemy as sa

from journey.databases import Migrations

if TYPE_CHECKING:
    import httpx
    from fastapi import FastAPI
    from sqlalchemy.ext.asyncio import AsyncEngine

    from app.config import Settings

PROJECT = Path(__file__).parent
ADMIN_TOKEN = "test-admin-token-0123456789"


class StepwiseMigrations(Migrations):
    """`alembic upgrade head`, one revision at a time, stopping before a revision that is
    still a starter (its upgrade raises NotImplementedError).

    So while you write day 39's migration, the tests of days 36-38 still run on the
    schema of the revisions before it; day 39's own tests fail until it is written.
    """

    def __call__(self, url: str) -> None:
        from alembic import command
        from alembic.script import ScriptDirectory

        config = self.config(url)
        revisions = reversed(list(ScriptDirectory.from_config(config).walk_revisions()))
        for revision in revisions:
            try:
                command.upgrade(config, revision.revision)
            except NotImplementedError:
                return


@pytest.fixture(scope="session")
def journey_schema() -> Migrations:
    """The harness builds the test database with the migrations, not create_all."""
    return StepwiseMigrations(PROJECT)


@pytest.fixture
def alembic_config() -> dict[str, str]:
    """pytest-alembic reads this project's alembic.ini."""
    return {"file": str(PROJECT / "alembic.ini")}


@pytest.fixture
def alembic_engine(empty_database_url: str) -> Iterator[sa.Engine]:
    """pytest-alembic migrates an empty database of the test's own."""
    engine = sa.create_engine(empty_database_url, poolclass=sa.NullPool)
    yield engine
    engine.dispose()


def make_settings(url: str, **overrides: Any) -> Settings:
    """Test settings on `url` (any PostgreSQL URL form)."""
    from app.config import Settings

    values: dict[str, Any] = {
        "database_url": url,
        "environment": "test",
        "admin_token": ADMIN_TOKEN,
        **overrides,
    }
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="session")
def journey_app(async_database_url: str) -> FastAPI:
    """The app under test, built by the same factory production uses."""
    from app.main import create_app

    return create_app(make_settings(async_database_url))


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Any]:
    """The dependency async_client replaces with the test's rolled-back session."""
    from app.dependencies import get_session

    return get_session


@pytest_asyncio.fixture
async def committed_engine(committed_database_url: str) -> AsyncIterator[AsyncEngine]:
    """An async engine on a database of the test's own, where commits are real."""
    from sqlalchemy.ext.asyncio import create_async_engine

    url = sa.make_url(committed_database_url).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(url, poolclass=sa.NullPool)
    try:
        yield engine
    finally:
        await engine.dispose()


@pytest_asyncio.fixture
async def committed_client(committed_database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client on an app of its own over the committed database (real pool,
    real transactions): for concurrency tests."""
    import httpx

    from app.main import create_app

    app = create_app(make_settings(committed_database_url, db_pool_size=20))
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        yield client


@pytest_asyncio.fixture
async def shop(async_db_session: Any) -> Any:
    """Rows for the test, in its rolled-back session (see tests/helpers.py)."""
    from tests.helpers import Shop

    return Shop(async_db_session)


@pytest_asyncio.fixture
async def admin(shop: Any) -> Any:
    """An admin and their Authorization header."""
    return await shop.user("admin")


@pytest_asyncio.fixture
async def customer(shop: Any) -> Any:
    """A customer and their Authorization header."""
    return await shop.user("customer")
