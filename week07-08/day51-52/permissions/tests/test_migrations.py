"""Day 51: the migrations build exactly the models, and the seed is a reversible data migration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from pytest_alembic.tests import (
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import Engine, NullPool, create_engine, text

PROJECT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.day(51)

__all__ = [
    "test_model_definitions_match_ddl",
    "test_single_head_revision",
    "test_up_down_consistency",
    "test_upgrade",
]


@pytest.fixture
def alembic_config(empty_database_url: str) -> dict[str, Any]:
    """pytest-alembic runs alembic.ini's migrations against an empty database of the test's own."""
    # Alembic's config is an ini file: a literal % (the socket path's %2F) is written %%.
    return {
        "file": str(PROJECT / "alembic.ini"),
        "sqlalchemy.url": empty_database_url.replace("%", "%%"),
    }


@pytest.fixture
def alembic_engine(empty_database_url: str) -> Iterator[Engine]:
    """The engine pytest-alembic inspects: the same empty database."""
    engine = create_engine(empty_database_url, poolclass=NullPool)
    yield engine
    engine.dispose()


def counts(engine: Engine) -> tuple[int, int]:
    with engine.connect() as connection:
        permissions = connection.execute(text("SELECT count(*) FROM permissions")).scalar_one()
        grants = connection.execute(text("SELECT count(*) FROM role_permissions")).scalar_one()
    return permissions, grants


def test_downgrading_the_seed_empties_the_tables_and_upgrading_seeds_them_once(
    empty_database_url: str,
) -> None:
    config = Config(str(PROJECT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", empty_database_url.replace("%", "%%"))
    engine = create_engine(empty_database_url, poolclass=NullPool)
    try:
        command.upgrade(config, "head")
        seeded = counts(engine)
        command.downgrade(config, "0002")
        emptied = counts(engine)
        command.upgrade(config, "head")
        again = counts(engine)
    finally:
        engine.dispose()
    assert seeded == (6, 12), (
        f"Ran alembic upgrade head. Got (permissions, grants) = {seeded}, expected (6, 12)"
    )
    assert emptied == (0, 0), (
        f"Ran alembic downgrade 0002 (undo the seed). Got {emptied}, expected (0, 0) and the "
        "tables still there"
    )
    assert again == seeded, f"Upgraded to head again. Got {again}, expected {seeded}, no duplicates"
