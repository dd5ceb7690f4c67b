"""Day 33 project root: the schema, app and get_db the journey plugin's fixtures use."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, MetaData
from sqlalchemy.orm import Session

from app import models  # noqa: F401  (registers the tables on Base.metadata)
from app.database import Base, make_session_factory
from app.dependencies import get_db
from app.main import create_app


@pytest.fixture(scope="session")
def journey_schema() -> MetaData:
    """The plugin runs create_all with this metadata on the template database."""
    return Base.metadata


@pytest.fixture(scope="session")
def journey_app(engine: Engine) -> FastAPI:
    """The app on the test database; `client` replaces get_db with the rolled-back session."""
    return create_app(make_session_factory(engine))


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Iterator[Session]]:
    """The dependency `client` overrides."""
    return get_db
