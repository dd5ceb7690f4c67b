"""Migration 0002 adds exactly the models' tags and post_tags, and undoes cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from pytest_alembic.tests import test_model_definitions_match_ddl, test_up_down_consistency
from sqlalchemy import Engine, NullPool, create_engine, inspect, text

PROJECT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.day(35)

__all__ = ["test_model_definitions_match_ddl", "test_up_down_consistency"]


@pytest.fixture
def alembic_config(empty_database_url: str) -> dict[str, Any]:
    """pytest-alembic runs alembic.ini's migrations against an empty database of the test's own."""
    # Alembic's config is an ini file: a literal % (the socket path's %2F) is written %%.
    url = empty_database_url.replace("%", "%%")
    return {"file": str(PROJECT / "alembic.ini"), "sqlalchemy.url": url}


@pytest.fixture
def alembic_engine(empty_database_url: str) -> Iterator[Engine]:
    """The engine pytest-alembic inspects: the same empty database."""
    engine = create_engine(empty_database_url, poolclass=NullPool)
    yield engine
    engine.dispose()


def test_head_adds_tags_and_post_tags_and_downgrade_keeps_the_posts(
    empty_database_url: str,
) -> None:
    config = Config(str(PROJECT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", empty_database_url.replace("%", "%%"))
    engine = create_engine(empty_database_url, poolclass=NullPool)
    try:
        command.upgrade(config, "head")
        at_head = set(inspect(engine).get_table_names())
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO posts (title, content) VALUES ('Kept', '')"))
        command.downgrade(config, "0001")
        after = set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            kept = connection.execute(text("SELECT title FROM posts")).scalars().all()
    finally:
        engine.dispose()
    expected = {"alembic_version", "posts", "tags", "post_tags"}
    assert at_head == expected, f"Ran alembic upgrade head. Got tables {sorted(at_head)}"
    assert after == {"alembic_version", "posts"}, (
        f"Ran alembic downgrade 0001. Got tables {sorted(after)}, expected posts only"
    )
    assert kept == ["Kept"], f"Ran alembic downgrade 0001. Got posts {kept}, expected ['Kept']"
