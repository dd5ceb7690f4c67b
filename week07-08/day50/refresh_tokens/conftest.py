"""Day 50 project root: test settings, a frozen clock, the schema, the app and get_db."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, MetaData
from sqlalchemy.orm import Session

from app.config import Settings
from app.database import Base, make_session_factory
from app.dependencies import get_clock, get_db
from app.main import create_app

# A fixed secret of 43 characters (32 random bytes, base64url), for the tests only.
TEST_SECRET = "Vb3nQ8xZ1kR7tY4uW6pL2mC9sD5fG0hJ3aE8iO1nT7c"


class FrozenClock:
    """A clock that stands still until a test moves it: expiry is tested without sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Cheap hashing (the test profile allows it), a known secret, the default lifetimes."""
    return Settings(
        environment="test",
        argon2_memory_kib=1024,
        argon2_time_cost=1,
        jwt_secret_key=TEST_SECRET,
        jwt_issuer="journey-tests",
        jwt_audience="journey-tests-api",
        access_token_expire_minutes=15,
        refresh_token_expire_days=7,
        session_max_days=30,
    )


@pytest.fixture
def clock(journey_app: FastAPI) -> Iterator[FrozenClock]:
    """The app's clock, frozen at the current whole second for this test.

    Now, not a date in the past: python-jose also checks exp against the system clock.
    """
    frozen = FrozenClock(datetime.now(UTC).replace(microsecond=0))
    journey_app.dependency_overrides[get_clock] = lambda: frozen
    try:
        yield frozen
    finally:
        journey_app.dependency_overrides.pop(get_clock, None)


@pytest.fixture(scope="session")
def journey_schema() -> MetaData:
    """The plugin runs create_all with this metadata on the template database."""
    return Base.metadata


@pytest.fixture(scope="session")
def journey_app(engine: Engine, settings: Settings) -> FastAPI:
    """The app on the test database; `client` replaces get_db with the rolled-back session."""
    return create_app(settings, make_session_factory(engine))


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Iterator[Session]]:
    """The dependency `client` overrides."""
    return get_db
