"""UserRepository against PostgreSQL, checked with plain SQL (cosmicpython style)."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.errors import EmailTaken
from app.models import User
from app.repositories import BaseRepository, UserRepository

pytestmark = pytest.mark.day(32)


def insert_user(db: Session, email: str, active: bool = True) -> int:
    query = text(
        "INSERT INTO users (email, name, is_active) VALUES (:email, :name, :active) RETURNING id"
    )
    user_id: int = db.execute(query, {"email": email, "name": "x", "active": active}).scalar_one()
    return user_id


def test_add_inserts_a_row(db_session: Session) -> None:
    UserRepository(db_session).add(User(email="ada@example.com", name="Ada"))
    rows = [
        tuple(row) for row in db_session.execute(text("SELECT email, name, is_active FROM users"))
    ]
    assert rows == [("ada@example.com", "Ada", True)], f"Called add then SELECT. Got {rows}"


def test_get_and_get_by_email_read_rows_inserted_with_sql(db_session: Session) -> None:
    user_id = insert_user(db_session, "ada@example.com")
    users = UserRepository(db_session)
    by_id = users.get(user_id)
    by_email = users.get_by_email("Ada@Example.COM")
    assert by_id is not None and by_id.email == "ada@example.com", f"Called get. Got {by_id}"
    assert by_email is not None and by_email.id == user_id, f"Called get_by_email. Got {by_email}"


def test_list_active_filters_in_sql(db_session: Session) -> None:
    ada = insert_user(db_session, "ada@example.com")
    insert_user(db_session, "grace@example.com", active=False)
    got = [user.id for user in UserRepository(db_session).list_active()]
    assert got == [ada], f"Called list_active with one inactive row. Got ids {got}, [{ada}]"


def test_delete_removes_the_row(db_session: Session) -> None:
    users = UserRepository(db_session)
    user = users.get(insert_user(db_session, "ada@example.com"))
    assert user is not None, "Called get on a row inserted with SQL. Got None"
    users.delete(user)
    count = db_session.execute(text("SELECT count(*) FROM users")).scalar_one()
    assert count == 0, f"Called delete then SELECT count(*). Got {count}, expected 0"


@pytest.mark.hint(
    "Add inside `with session.begin_nested():` and turn uq_users_email into EmailTaken."
)
def test_a_taken_email_undoes_only_its_own_insert(db_session: Session) -> None:
    users = UserRepository(db_session)
    users.add(User(email="ada@example.com", name="Ada"))
    users.add(User(email="grace@example.com", name="Grace"))
    with pytest.raises(EmailTaken):
        users.add(User(email="ada@example.com", name="Ada again"))
    query = text("SELECT email FROM users ORDER BY id")
    emails = db_session.execute(query).scalars().all()
    expected = ["ada@example.com", "grace@example.com"]
    assert emails == expected, f"Called add with a taken email. Got rows {emails}, {expected}"


def test_repository_methods_never_commit(
    db_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    commits: list[int] = []
    monkeypatch.setattr(db_session, "commit", lambda: commits.append(1))  # get_db's job
    users = UserRepository(db_session)
    ada = users.add(User(email="ada@example.com", name="Ada"))
    users.get(ada.id)
    users.get_all()
    users.get_by_email("ada@example.com")
    users.list_active()
    users.delete(ada)
    assert commits == [], f"Called every repository method. Got {len(commits)} commits, 0"


class PlainUserRepository(BaseRepository[User]):
    """BaseRepository as it is, no method overridden: what any other model would get."""

    model = User


def test_base_repository_alone_adds_gets_pages_and_deletes(db_session: Session) -> None:
    users = PlainUserRepository(db_session)
    ada = users.add(User(email="ada@example.com", name="Ada"))
    grace = users.add(User(email="grace@example.com", name="Grace"))
    found = users.get(ada.id)
    assert isinstance(ada.id, int) and found is ada, f"Called add then get. Got {found}, {ada}"
    users.delete(ada)
    left = [user.email for user in users.get_all()]
    assert users.get(ada.id) is None, f"Called delete then get({ada.id}). Expected None"
    assert left == [grace.email], f"Called delete then get_all. Got {left}, [{grace.email!r}]"


@pytest.mark.hint("ORDER BY id: without it PostgreSQL returns rows in the order it stores them.")
def test_pages_stay_in_id_order_after_a_row_is_updated(db_session: Session) -> None:
    ids = [insert_user(db_session, f"{name}@example.com") for name in ("ada", "grace", "alan")]
    # An UPDATE writes a new version of the row after the others: storage order is now 2, 3, 1.
    db_session.execute(text("UPDATE users SET name = 'Ada' WHERE id = :id"), {"id": ids[0]})
    users = UserRepository(db_session)
    got = ([user.id for user in users.get_all()], [user.id for user in users.list_active()])
    assert got == (ids, ids), (
        f"Called get_all and list_active after updating the first user. Got ids {got}, "
        f"expected {ids} for both"
    )
