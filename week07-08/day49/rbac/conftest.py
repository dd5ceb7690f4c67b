"""Day 49 project root: test settings, the schema, the app and get_db for the plugin."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import Engine, MetaData
from sqlalchemy.orm import Session

from app.config import Settings
from app.database import Base, make_session_factory
from app.dependencies import get_db
from app.main import create_app
from app.passwords import PasswordHasher

# A fixed secret of 43 characters (32 random bytes, base64url), for the tests only.
TEST_SECRET = "qN3vB8xZ1kR7tY4uW6pL2mC9sD5fG0hJ3aE8iO1nT7c"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Cheap hashing (the test profile allows it) and a known signing secret."""
    return Settings(
        environment="test",
        argon2_memory_kib=1024,
        argon2_time_cost=1,
        argon2_parallelism=1,
        jwt_secret_key=SecretStr(TEST_SECRET),
        jwt_issuer="journey-tests",
        jwt_audience="journey-tests-api",
        access_token_expire_minutes=15,
    )


@pytest.fixture(scope="session")
def hasher(settings: Settings) -> PasswordHasher:
    """A hasher with the same parameters as the app's."""
    return PasswordHasher(settings)


@pytest.fixture(scope="session")
def password_hash(hasher: PasswordHasher) -> str:
    """One argon2id hash of tests.helpers.PASSWORD, shared by the users the tests create."""
    return hasher.hash_password("correct horse battery staple")


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
