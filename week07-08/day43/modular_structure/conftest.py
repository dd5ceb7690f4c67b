"""Day 43 project root: the schema, app and get_db the journey plugin's fixtures use.

Imports happen inside the fixtures, so a half-written app fails its tests one by one
(with the reason) instead of stopping the whole run at collection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, MetaData
from sqlalchemy.orm import Session


@pytest.fixture(scope="session")
def journey_schema() -> MetaData:
    """Every module's tables: importing the app factory imports each registered module."""
    import app.main  # noqa: F401
    from app.database import Base

    return Base.metadata


@pytest.fixture(scope="session")
def journey_app(engine: Engine) -> FastAPI:
    """The app on the test database; `client` replaces get_db with the rolled-back session."""
    from app.database import make_session_factory
    from app.main import create_app

    return create_app(make_session_factory(engine))


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Iterator[Session]]:
    """The dependency `client` overrides."""
    from app.dependencies import get_db

    return get_db
