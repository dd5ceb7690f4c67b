"""Each revision on an empty database of the test's own: rollback, and the data migration."""

import pytest
import sqlalchemy as sa
from pytest_alembic import MigrationContext
from sqlalchemy.exc import IntegrityError

pytestmark = pytest.mark.day(29)


def emails(engine: sa.Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.scalars(sa.text("SELECT email FROM users ORDER BY id")))


def user_columns(engine: sa.Engine) -> list[str]:
    return [column["name"] for column in sa.inspect(engine).get_columns("users")]


@pytest.mark.hint("0001's downgrade: op.drop_table leaves the ENUM type, drop it as well.")
def test_downgrade_to_base_leaves_no_table_and_no_enum_type(
    alembic_runner: MigrationContext, alembic_engine: sa.Engine
) -> None:
    alembic_runner.migrate_up_to("heads")
    alembic_runner.migrate_down_to("base")
    tables = set(sa.inspect(alembic_engine).get_table_names()) - {"alembic_version"}
    with alembic_engine.connect() as connection:
        types = connection.scalars(
            sa.text(
                "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                "WHERE n.nspname = 'public' AND t.typtype = 'e'"
            )
        ).all()
    got = (sorted(tables), types)
    assert got == ([], []), (
        f"Called alembic upgrade head, then downgrade base. Got (tables, enum types) {got} "
        "left, expected ([], [])"
    )


def test_downgrade_one_step_from_0002_drops_bio_and_keeps_the_users(
    alembic_runner: MigrationContext, alembic_engine: sa.Engine
) -> None:
    alembic_runner.migrate_up_to("0002")
    alembic_runner.insert_into(
        "users", {"email": "ada@example.org", "username": "ada", "bio": "Wrote the first program"}
    )
    alembic_runner.migrate_down_one()
    columns = user_columns(alembic_engine)
    assert alembic_runner.current == "0001" and "bio" not in columns, (
        f"Called alembic downgrade -1 at 0002. Got revision {alembic_runner.current} with "
        f"columns {columns}, expected 0001 without bio"
    )
    assert emails(alembic_engine) == ["ada@example.org"], (
        f"Called alembic downgrade -1 at 0002. Got users {emails(alembic_engine)}, "
        "expected ['ada@example.org'] kept"
    )


@pytest.mark.hint("0003 updates the stored rows before it adds ck_users_email_lowercase.")
def test_0003_lowercases_the_emails_stored_before_it(
    alembic_runner: MigrationContext, alembic_engine: sa.Engine
) -> None:
    before = ["Ada@Example.org", "grace@example.org", "ALAN@EXAMPLE.ORG"]
    alembic_runner.migrate_up_before("0003")
    alembic_runner.insert_into(
        "users",
        [{"email": email, "username": email.split("@")[0].lower()} for email in before],
    )
    alembic_runner.migrate_up_one()
    expected = [email.lower() for email in before]
    got = emails(alembic_engine)
    assert got == expected, (
        f"Called alembic upgrade 0003 on users {before}. Got {got}, expected {expected}"
    )


@pytest.mark.hint("Let the UPDATE fail: PostgreSQL rolls the whole migration back.")
def test_0003_stops_on_emails_differing_only_in_case_and_changes_nothing(
    alembic_runner: MigrationContext, alembic_engine: sa.Engine
) -> None:
    before = ["Ada@example.org", "ada@example.org"]
    alembic_runner.migrate_up_before("0003")
    alembic_runner.insert_into("users", [{"email": before[0], "username": "ada1"}])
    alembic_runner.insert_into("users", [{"email": before[1], "username": "ada2"}])
    with pytest.raises(IntegrityError):
        alembic_runner.migrate_up_one()
    got = (alembic_runner.current, emails(alembic_engine))
    assert got == ("0002", before), (
        f"Called alembic upgrade 0003 on users {before}. Got (revision, emails) {got}, "
        f"expected ('0002', {before}): nothing changed"
    )


@pytest.mark.hint("0003 adds ck_users_email_lowercase with the condition email = lower(email).")
def test_after_0003_an_email_with_capitals_is_refused(
    alembic_runner: MigrationContext, alembic_engine: sa.Engine
) -> None:
    alembic_runner.migrate_up_to("0003")
    with pytest.raises(IntegrityError, match="ck_users_email_lowercase"):
        alembic_runner.insert_into("users", {"email": "Ada@Example.org", "username": "ada"})
    assert emails(alembic_engine) == [], "Called INSERT of Ada@Example.org at 0003. Got it stored"
