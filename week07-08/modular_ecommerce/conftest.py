"""Wire the modular shop into the journey plugin: its migrated schema, its app, its session.

The app is imported inside the fixtures, never at module level: each day's tests need
only that day's and earlier days' code, so day 53's tests run while the later modules
are still starters.
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
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.config import Settings
    from tests.helpers import Shop

PROJECT = Path(__file__).parent
TEST_SECRET = "test-jwt-secret-of-at-least-32-bytes-0123456789"


class StepwiseMigrations(Migrations):
    """`alembic upgrade head`, one revision at a time, stopping before a revision that is
    still a starter (its upgrade raises NotImplementedError).

    So while you write day 55's migration, the tests of days 53-54 still run on the
    schema of the revisions before it; day 55's own tests fail until it is written.
    """

    def __call__(self, url: str) -> None:
        from alembic import command
        from alembic.script import ScriptDirectory

        config = self.config(url)
        for revision in reversed(list(ScriptDirectory.from_config(config).walk_revisions())):
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
    """Test settings on `url`: cheap argon2id (8 KiB, 1 pass), the test secret."""
    from app.config import Settings

    values: dict[str, Any] = {
        "environment": "test",
        "database_url": url,
        "jwt_secret_key": TEST_SECRET,
        "argon2_memory_kib": 8,
        "argon2_time_cost": 1,
        "db_pool_size": 5,
        **overrides,
    }
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="session")
def settings(async_database_url: str) -> Settings:
    """The settings of the app under test."""
    return make_settings(async_database_url)


@pytest.fixture(scope="session")
def journey_app(settings: Settings) -> FastAPI:
    """The app under test, built by the same factory production uses."""
    from app.main import create_app

    return create_app(settings)


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Any]:
    """The dependency async_client replaces with the test's rolled-back session."""
    from app.database import get_session

    return get_session


def reset(app: FastAPI) -> None:
    """Forget what earlier tests left in the app: throttle counts, mail, a frozen clock."""
    runtime = app.state.runtime
    runtime.clock.unfreeze()
    runtime.mailer.sent.clear()
    auth = getattr(app.state, "auth", None)
    if auth is not None:
        auth.throttle.reset()


@pytest_asyncio.fixture
async def api(async_client: httpx.AsyncClient, journey_app: FastAPI) -> httpx.AsyncClient:
    """async_client on a fresh app state (the app itself is shared by the whole run)."""
    reset(journey_app)
    return async_client


@pytest_asyncio.fixture
async def shop(async_db_session: AsyncSession, settings: Settings) -> Shop:
    """Rows for the test, in its rolled-back session (see tests/helpers.py)."""
    from tests.helpers import Shop

    return Shop(async_db_session, settings)


@pytest_asyncio.fixture
async def committed_app(committed_database_url: str) -> AsyncIterator[tuple[FastAPI, str]]:
    """An app of its own on a database of the test's own, where commits are real."""
    from app.main import create_app

    url = sa.make_url(committed_database_url).set(drivername="postgresql+asyncpg")
    app = create_app(make_settings(url.render_as_string(hide_password=False), db_pool_size=10))
    async with app.router.lifespan_context(app):
        yield app, committed_database_url
