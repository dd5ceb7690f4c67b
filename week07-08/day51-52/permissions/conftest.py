"""Days 51-52 project root: settings, the migrated schema, the app, get_db, a world of users."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.config import Settings
from app.database import make_session_factory
from app.dependencies import get_db
from app.main import create_app
from app.passwords import PasswordHasher
from journey.databases import Migrations
from tests.helpers import PASSWORD, World, build_world

# A fixed secret of 43 characters (32 random bytes, base64url), for the tests only.
TEST_SECRET = "Pm7nQ8xZ1kR7tY4uW6pL2mC9sD5fG0hJ3aE8iO1nT7c"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Cheap hashing (the test profile allows it) and a known signing secret."""
    return Settings(
        environment="test",
        argon2_memory_kib=1024,
        argon2_time_cost=1,
        jwt_secret_key=TEST_SECRET,
        jwt_issuer="journey-tests",
        jwt_audience="journey-tests-api",
    )


@pytest.fixture(scope="session")
def password_hash(settings: Settings) -> str:
    """The hash of PASSWORD, computed once: every test user shares it."""
    return PasswordHasher(settings).hash_password(PASSWORD)


@pytest.fixture
def world(db_session: Session, settings: Settings, password_hash: str) -> World:
    """user, moderator, admin and other (a user), one post each, and their tokens."""
    return build_world(db_session, settings, password_hash)


@pytest.fixture(scope="session")
def journey_schema() -> Migrations:
    """The template database is built by `alembic upgrade head`, seed data included."""
    return Migrations(Path(__file__).parent)


@pytest.fixture(scope="session")
def journey_app(engine: Engine, settings: Settings) -> FastAPI:
    """The app on the test database; `client` replaces get_db with the rolled-back session."""
    return create_app(settings, make_session_factory(engine))


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Iterator[Session]]:
    """The dependency `client` overrides."""
    return get_db
