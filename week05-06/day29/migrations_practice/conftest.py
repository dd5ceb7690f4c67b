"""Day 29 project root: the migrated test database and pytest-alembic's wiring."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from journey.databases import Migrations

PROJECT = Path(__file__).parent


@pytest.fixture(scope="session")
def journey_schema() -> Migrations:
    """The harness builds the test database with `alembic upgrade head`, not create_all."""
    return Migrations(PROJECT)


@pytest.fixture
def alembic_config() -> dict[str, str]:
    """pytest-alembic reads this project's alembic.ini (its paths are relative to the file)."""
    return {"file": str(PROJECT / "alembic.ini")}


@pytest.fixture
def alembic_engine(empty_database_url: str) -> Iterator[sa.Engine]:
    """pytest-alembic migrates an empty database of the test's own, never the shared one."""
    engine = sa.create_engine(empty_database_url, poolclass=sa.NullPool)
    yield engine
    engine.dispose()
