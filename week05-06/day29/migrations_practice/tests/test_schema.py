"""The schema `alembic upgrade head` builds: columns, the ENUM type, named constraints."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from app.models import User, UserRole

pytestmark = pytest.mark.day(29)

INSERT = sa.text("INSERT INTO users (email, username) VALUES (:email, :username) RETURNING role")


@pytest.mark.hint("Revision 0002 adds users.bio: VARCHAR(500), NULL allowed.")
def test_bio_is_an_optional_text_of_up_to_500_characters(engine: sa.Engine) -> None:
    columns = {column["name"]: column for column in sa.inspect(engine).get_columns("users")}
    assert "bio" in columns, (
        f"Inspected users after upgrade head. Got columns {sorted(columns)}, expected one named bio"
    )
    bio = columns["bio"]
    got = (type(bio["type"]).__name__, getattr(bio["type"], "length", None), bio["nullable"])
    assert got == ("VARCHAR", 500, True), (
        f"Inspected users.bio. Got (type, length, nullable) {got}, expected ('VARCHAR', 500, True)"
    )


@pytest.mark.hint("Base.metadata needs a naming_convention, and the migrations use its names.")
def test_every_constraint_is_named_by_the_convention(engine: sa.Engine) -> None:
    inspector = sa.inspect(engine)
    names = {inspector.get_pk_constraint("users")["name"]}
    names |= {c["name"] for c in inspector.get_unique_constraints("users")}
    names |= {c["name"] for c in inspector.get_check_constraints("users")}
    expected = {
        "pk_users",
        "uq_users_email",
        "uq_users_username",
        "ck_users_username_min_length",
        "ck_users_email_lowercase",
    }
    assert names == expected, (
        f"Inspected the constraints of users. Got {sorted(map(str, names))}, "
        f"expected {sorted(expected)}"
    )


def test_role_is_the_postgresql_enum_user_role(db_session: Session) -> None:
    labels = db_session.scalars(
        sa.text(
            "SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
            "WHERE t.typname = 'user_role' ORDER BY e.enumsortorder"
        )
    ).all()
    assert labels == ["reader", "author", "admin"], (
        f"Read the labels of type user_role. Got {labels}, expected ['reader', 'author', 'admin']"
    )
    udt = db_session.scalar(
        sa.text(
            "SELECT udt_name FROM information_schema.columns "
            "WHERE table_name = 'users' AND column_name = 'role'"
        )
    )
    assert udt == "user_role", f"Read the type of users.role. Got {udt}, expected user_role"


@pytest.mark.hint("users.role has server_default 'reader' in the migration, not only in Python.")
def test_a_user_inserted_without_a_role_is_a_reader(db_session: Session) -> None:
    role = db_session.scalar(INSERT, {"email": "ada@example.org", "username": "ada"})
    assert role == "reader", (
        f"Called INSERT INTO users without a role. Got role {role!r}, expected 'reader'"
    )


@pytest.mark.hint("Enum(UserRole, name='user_role', values_callable=...) stores the values.")
def test_the_model_stores_a_role_as_its_value(db_session: Session) -> None:
    user = User(email="grace@example.org", username="grace", role=UserRole.ADMIN)
    db_session.add(user)
    db_session.flush()
    query = sa.text("SELECT role::text FROM users WHERE id = :id")
    stored = db_session.scalar(query, {"id": user.id})
    assert stored == "admin", (
        f"Called session.add(User(role=UserRole.ADMIN)). Got {stored!r} stored, expected 'admin'"
    )


def test_a_role_outside_the_enum_is_refused(db_session: Session) -> None:
    statement = sa.text(
        "INSERT INTO users (email, username, role) VALUES ('x@example.org', 'xyz', 'owner')"
    )
    with pytest.raises(DataError), db_session.begin_nested():
        db_session.execute(statement)


@pytest.mark.parametrize(
    ("email", "username", "constraint"),
    [
        ("ada@example.org", "ab", "ck_users_username_min_length"),
        ("Ada@example.org", "ada", "ck_users_email_lowercase"),
    ],
)
def test_check_constraints_refuse_bad_rows(
    db_session: Session, email: str, username: str, constraint: str
) -> None:
    with pytest.raises(IntegrityError) as caught, db_session.begin_nested():
        db_session.execute(INSERT, {"email": email, "username": username})
    violated = getattr(caught.value.orig, "diag", None)
    name = getattr(violated, "constraint_name", None)
    assert name == constraint, (
        f"Called INSERT INTO users ({email!r}, {username!r}). Got a violation of {name}, "
        f"expected {constraint}"
    )
