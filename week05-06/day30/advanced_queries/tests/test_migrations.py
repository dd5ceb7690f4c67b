"""The migrations build exactly the models' schema, indexes included, and undo cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_alembic.tests import test_model_definitions_match_ddl, test_up_down_consistency
from sqlalchemy import Engine, NullPool, create_engine, text

PROJECT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.day(30)

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


EXPECTED_INDEXES = {
    "ix_posts_title_trgm": "USING gin (title gin_trgm_ops)",
    "ix_posts_content_trgm": "USING gin (content gin_trgm_ops)",
    "ix_posts_author_id": "USING btree (author_id)",
    "ix_posts_created_at_id": "USING btree (created_at, id)",
    "ix_post_tags_tag_id": "USING btree (tag_id)",
}


def test_head_has_pg_trgm_and_the_five_indexes(engine: Engine) -> None:
    with engine.connect() as connection:
        trgm = connection.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'"))
        has_trgm = trgm.first() is not None
        rows = connection.execute(text("SELECT indexname, indexdef FROM pg_indexes")).all()
    found: dict[str, str] = {name: definition for name, definition in rows}
    got = {name: found.get(name, "missing") for name in EXPECTED_INDEXES}
    wrong = {name: got[name] for name, using in EXPECTED_INDEXES.items() if using not in got[name]}
    assert has_trgm, "Ran alembic upgrade head. Got no pg_trgm extension"
    assert not wrong, (
        f"Ran alembic upgrade head. Got these indexes wrong: {wrong}; expected {EXPECTED_INDEXES}"
    )
