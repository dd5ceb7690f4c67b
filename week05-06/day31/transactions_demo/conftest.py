"""Day 31 project root: the schema the journey plugin builds, and a committed-database engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, MetaData
from sqlalchemy.orm import Session, sessionmaker

from bank import models  # noqa: F401  (registers the tables on Base.metadata)
from bank.database import Base, make_engine


@pytest.fixture(scope="session")
def journey_schema() -> MetaData:
    """The plugin runs create_all with this metadata on the template database."""
    return Base.metadata


@pytest.fixture
def committed_engine(committed_database_url: str) -> Iterator[Engine]:
    """An engine on this test's own database, where commits are real.

    lock_timeout and statement_timeout bound every wait: a transfer stuck behind a lock
    fails the test in seconds instead of hanging the run.
    """
    engine = make_engine(
        committed_database_url,
        pool_size=10,
        max_overflow=0,
        connect_args={"options": "-c lock_timeout=10s -c statement_timeout=20s"},
    )
    yield engine
    engine.dispose()


@pytest.fixture
def committed_sessions(committed_engine: Engine) -> sessionmaker[Session]:
    """Fresh sessions on the committed database: one per thread in the concurrency tests."""
    return sessionmaker(bind=committed_engine, expire_on_commit=False)
