"""Day 45 project root: cheap hashing settings, the schema, the app and get_db for the plugin."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, MetaData
from sqlalchemy.orm import Session

from app.config import Settings
from app.database import Base, make_session_factory
from app.dependencies import get_db
from app.main import create_app
from app.security import PasswordHasher

# The test profile may hash far below OWASP's minimum: about 1 ms a hash instead of 50.
# One test checks the production parameters (tests/test_hashing.py).
TEST_SETTINGS = Settings(
    environment="test", argon2_memory_kib=1024, argon2_time_cost=1, argon2_parallelism=1
)


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The settings the app under test is built with."""
    return TEST_SETTINGS


@pytest.fixture
def hasher(settings: Settings) -> PasswordHasher:
    """A new hasher for each test, with the same parameters as the app's."""
    return PasswordHasher(settings)


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
