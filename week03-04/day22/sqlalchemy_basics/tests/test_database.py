"""Engine and tables are built on demand from DATABASE_URL, against real PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from database import DatabaseNotConfigured, create_tables, make_engine, make_session_factory

pytestmark = pytest.mark.day(22)


def test_make_engine_reads_database_url_when_it_is_called(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    engine = make_engine()
    try:
        with make_session_factory(engine)() as session:
            name = session.execute(text("SELECT current_database()")).scalar_one()
    finally:
        engine.dispose()
    expected = make_url(database_url).database
    assert name == expected, (
        f"Called make_engine() with DATABASE_URL. Got {name}, expected {expected}"
    )


def test_missing_database_url_raises_an_error_that_says_what_to_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(DatabaseNotConfigured, match="DATABASE_URL is not set"):
        make_engine()


def test_plain_postgresql_url_uses_the_installed_psycopg2_driver() -> None:
    engine = make_engine("postgresql://postgres:password@localhost:5432/fastapi_db")
    driver = engine.dialect.driver
    engine.dispose()
    assert driver == "psycopg2", f"Called make_engine(postgresql://...). Got {driver}, psycopg2"


def test_the_engine_replaces_a_pooled_connection_the_server_dropped(
    committed_database_url: str,
) -> None:
    engine = make_engine(committed_database_url)
    try:
        with engine.connect() as connection:
            pid = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        # A database restart, seen from the pool: its idle connection is gone.
        with make_engine(committed_database_url).connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            other.commit()
        with engine.connect() as connection:
            answer = connection.execute(text("SELECT 1")).scalar_one()
    finally:
        engine.dispose()
    assert answer == 1, f"Queried through the engine after its connection died. Got {answer}"


def test_create_tables_builds_the_users_table_and_can_run_twice(
    committed_database_url: str,
) -> None:
    engine = make_engine(committed_database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP TABLE users"))
        create_tables(engine)
        create_tables(engine)
        columns = [column["name"] for column in inspect(engine).get_columns("users")]
    finally:
        engine.dispose()
    expected = ["id", "email", "name", "created_at"]
    assert columns == expected, f"Called create_tables. Got columns {columns}, expected {expected}"
