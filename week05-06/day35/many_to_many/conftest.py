"""Day 35 project root: the migrated schema, the app and get_db for the journey plugin."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.database import make_session_factory
from app.dependencies import get_db
from app.main import create_app
from journey.databases import Migrations


@pytest.fixture(scope="session")
def journey_schema() -> Migrations:
    """The template database is built by `alembic upgrade head`, as production would be."""
    return Migrations(Path(__file__).parent)


@pytest.fixture(scope="session")
def journey_app(engine: Engine) -> FastAPI:
    """The app on the test database; `client` replaces get_db with the rolled-back session."""
    return create_app(make_session_factory(engine))


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Iterator[Session]]:
    """The dependency `client` overrides."""
    return get_db
