"""Day 34 project root: the schema, app and get_db the journey plugin's fixtures use."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import pytest
from fastapi import FastAPI
from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncSession

from app import models  # noqa: F401  (registers the tables on Base.metadata)
from app.database import Base
from app.dependencies import get_db
from app.main import create_app


@pytest.fixture(scope="session")
def journey_schema() -> MetaData:
    """The plugin runs create_all with this metadata on the template database."""
    return Base.metadata


@pytest.fixture(scope="session")
def journey_app(async_database_url: str) -> FastAPI:
    """The app on the test database. Its engine is made by the lifespan, in each test's
    own event loop; `async_client` replaces get_db with the rolled-back async_db_session."""
    return create_app(async_database_url)


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., AsyncIterator[AsyncSession]]:
    """The dependency `async_client` overrides."""
    return get_db
