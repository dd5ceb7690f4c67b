"""Each module's migration upgrades and downgrades cleanly, bringing its tables and the
permissions it checks (the ENUM type too: SQLAlchemy's drop_table leaves it behind); on
day 56, with the admin's permissions, the whole history passes pytest-alembic's checks."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from pytest_alembic import MigrationContext
from pytest_alembic import tests as builtin

STEPS = {
    53: (
        "0001",
        "base",
        {"users", "roles", "permissions", "role_permissions", "auth_sessions", "refresh_tokens"},
        set(),
    ),
    54: ("0002", "0001", {"user_profiles"}, {"users:read"}),
    55: (
        "0003",
        "0002",
        {
            "categories",
            "products",
            "reviews",
            "cart_items",
            "orders",
            "order_items",
            "order_status_changes",
        },
        {"products:write", "reviews:write", "orders:place", "orders:manage"},
    ),
}


def state(engine: sa.Engine) -> tuple[set[str], set[str]]:
    """The tables (but alembic_version) and the permission names in the database."""
    tables = set(sa.inspect(engine).get_table_names()) - {"alembic_version"}
    permissions: set[str] = set()
    if "permissions" in tables:
        with engine.connect() as conn:
            permissions = set(conn.execute(sa.text("SELECT name FROM permissions")).scalars())
    return tables, permissions


@pytest.mark.parametrize("day", [pytest.param(d, marks=pytest.mark.day(d)) for d in STEPS])
@pytest.mark.hint(
    "A migration's downgrade undoes exactly its upgrade: tables, types and seeded rows."
)
def test_each_migration_brings_its_tables_and_permissions_and_takes_them_back(
    alembic_runner: MigrationContext, alembic_engine: sa.Engine, day: int
) -> None:
    revision, previous, tables, permissions = STEPS[day]
    alembic_runner.migrate_up_to(previous)
    before = state(alembic_engine)
    alembic_runner.migrate_up_to(revision)
    after = state(alembic_engine)
    alembic_runner.migrate_down_to(previous)
    back = state(alembic_engine)
    added = (after[0] - before[0], after[1] - before[1])
    assert added == (tables, permissions), (
        f"Called upgrade {revision}. Got new tables and permissions {added}, expected "
        f"{(tables, permissions)}"
    )
    assert back == before, f"Called downgrade {previous}. Got {back}, expected {before}"
    with alembic_engine.connect() as conn:
        types = conn.execute(sa.text("SELECT count(*) FROM pg_type WHERE typname = 'order_status'"))
        assert types.scalar() == 0, f"Called downgrade {previous}. Got the order_status type left"


@pytest.mark.day(56)
@pytest.mark.hint("alembic check: the models and the migrations describe the same schema.")
def test_the_history_passes_pytest_alembics_checks(alembic_runner: MigrationContext) -> None:
    builtin.test_single_head_revision(alembic_runner)
    builtin.test_upgrade(alembic_runner)
    builtin.test_model_definitions_match_ddl(alembic_runner)
    builtin.test_up_down_consistency(alembic_runner)
