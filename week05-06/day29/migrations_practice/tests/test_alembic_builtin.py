"""pytest-alembic's four standard checks of a migration history."""

import pytest
from pytest_alembic import tests as builtin

pytestmark = pytest.mark.day(29)

test_single_head_revision = pytest.mark.hint(
    "Two revisions name the same down_revision: chain 0001 <- 0002 <- 0003."
)(builtin.test_single_head_revision)

test_upgrade = pytest.mark.hint(
    "`alembic upgrade head` must run on an empty database: read the Alembic Error."
)(builtin.test_upgrade)

test_model_definitions_match_ddl = pytest.mark.hint(
    "The models and the migrated schema differ: the rendered upgrade shows what a new "
    "`alembic revision --autogenerate` would add. Change the migration or the model."
)(builtin.test_model_definitions_match_ddl)

test_up_down_consistency = pytest.mark.hint(
    "A downgrade must undo its upgrade completely, so the upgrade can run again "
    "(0001: drop the ENUM type user_role too)."
)(builtin.test_up_down_consistency)
