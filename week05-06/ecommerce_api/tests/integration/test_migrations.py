"""Each day's migration upgrades and downgrades cleanly; on day 42 the whole history passes
pytest-alembic's built-in checks."""

from collections.abc import Callable

import pytest
import sqlalchemy as sa
from pytest_alembic import MigrationContext
from pytest_alembic import tests as builtin


def _tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names()) - {"alembic_version"}


def _scalar(engine: sa.Engine, sql: str) -> object:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql)).scalar()


def _round_trip(
    runner: MigrationContext, engine: sa.Engine, revision: str, previous: str
) -> tuple[set[str], set[str]]:
    """Tables after upgrading to `revision` and after going back to `previous`; then up again."""
    runner.migrate_up_to(revision)
    after_up = _tables(engine)
    runner.migrate_down_to(previous)
    after_down = _tables(engine)
    runner.migrate_up_to(revision)
    return after_up, after_down


@pytest.mark.day(36)
@pytest.mark.hint(
    "0001's downgrade drops every table and both ENUM types (user_role, order_status)."
)
def test_0001_creates_the_catalog_and_order_tables_and_downgrades_to_nothing(
    alembic_runner: MigrationContext, alembic_engine: sa.Engine
) -> None:
    up, down = _round_trip(alembic_runner, alembic_engine, "0001", "base")
    expected = {"users", "categories", "products", "product_categories", "orders", "order_items"}
    assert up == expected, f"Called upgrade 0001. Got {sorted(up)}, expected {sorted(expected)}"
    assert down == set(), f"Called downgrade base. Got tables {sorted(down)}, expected none"
    alembic_runner.migrate_down_to("base")
    types = _scalar(
        alembic_engine,
        "SELECT count(*) FROM pg_type WHERE typname IN ('user_role', 'order_status')",
    )
    assert types == 0, f"Called downgrade base. Got {types} ENUM types left, expected 0"


def _checks(*names: str) -> Callable[[MigrationContext], None]:
    def run(alembic_runner: MigrationContext) -> None:
        for name in names:
            getattr(builtin, name)(alembic_runner)

    return run


@pytest.mark.day(42)
@pytest.mark.hint(
    "One line of revisions 0001..0005, and `alembic upgrade head` runs on an empty database."
)
def test_history_has_a_single_head_and_upgrades_to_it(alembic_runner: MigrationContext) -> None:
    _checks("test_single_head_revision", "test_upgrade")(alembic_runner)


test_model_definitions_match_ddl = pytest.mark.day(42)(
    pytest.mark.hint(
        "The models and the migrated schema differ: the report shows what autogenerate would "
        "add (0005 creates ix_orders_created_at)."
    )(builtin.test_model_definitions_match_ddl)
)
test_up_down_consistency = pytest.mark.day(42)(
    pytest.mark.hint("Every downgrade must undo its upgrade, so the upgrade can run again.")(
        builtin.test_up_down_consistency
    )
)
