"""Each CRUD function against PostgreSQL, inside a transaction rolled back after the test."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

import crud

pytestmark = pytest.mark.day(22)


def test_create_user_returns_it_with_id_and_created_at_from_postgres(db_session: Session) -> None:
    user = crud.create_user(db_session, email="ada@example.com", name="Ada Lovelace")
    assert user.id is not None, "Called create_user. Got id None, expected an id from PostgreSQL"
    assert user.created_at.tzinfo is not None, (
        f"Called create_user. Got created_at {user.created_at!r}, expected a timezone-aware now()"
    )


def test_created_user_is_a_real_row_in_the_users_table(db_session: Session) -> None:
    user = crud.create_user(db_session, email="ada@example.com", name="Ada Lovelace")
    row = db_session.execute(
        text("SELECT email, name FROM users WHERE id = :id"), {"id": user.id}
    ).one()
    assert tuple(row) == ("ada@example.com", "Ada Lovelace"), (
        f"Called create_user then raw SQL. Got {tuple(row)}, expected the inserted values"
    )


def test_user_repr_shows_id_email_and_name(db_session: Session) -> None:
    user = crud.create_user(db_session, email="ada@example.com", name="Ada Lovelace")
    got = repr(user)
    expected = f"User(id={user.id}, email='ada@example.com', name='Ada Lovelace')"
    assert got == expected, f"Called repr(user). Got {got}, expected {expected}"


def test_get_user_returns_the_user_or_none(db_session: Session) -> None:
    user = crud.create_user(db_session, email="ada@example.com", name="Ada Lovelace")
    found = crud.get_user(db_session, user.id)
    missing = crud.get_user(db_session, user.id + 1000)
    assert found is not None and found.email == "ada@example.com", f"Got {found!r}, expected Ada"
    assert missing is None, f"Called get_user on an unknown id. Got {missing!r}, expected None"


def test_get_user_by_email_finds_exactly_that_user(db_session: Session) -> None:
    crud.create_user(db_session, email="ada@example.com", name="Ada Lovelace")
    crud.create_user(db_session, email="alan@example.com", name="Alan Turing")
    found = crud.get_user_by_email(db_session, "alan@example.com")
    missing = crud.get_user_by_email(db_session, "nobody@example.com")
    assert found is not None and found.name == "Alan Turing", f"Got {found!r}, expected Alan"
    assert missing is None, f"Called get_user_by_email(nobody). Got {missing!r}, expected None"


def test_list_users_returns_everyone_in_id_order(db_session: Session) -> None:
    created = [
        crud.create_user(db_session, email=f"user{n}@example.com", name=f"User {n}")
        for n in range(3)
    ]
    # An updated row moves to the end of the table: only ORDER BY id keeps id order.
    crud.update_user(db_session, created[0].id, name="User 0, renamed")
    listed = [user.id for user in crud.list_users(db_session)]
    expected = [user.id for user in created]
    assert listed == expected, f"Called list_users. Got ids {listed}, expected {expected}"


def test_update_user_changes_only_the_given_fields(db_session: Session) -> None:
    user = crud.create_user(db_session, email="grace@example.org", name="Grace Hopper")
    crud.update_user(db_session, user.id, name="Rear Admiral Grace Hopper")
    db_session.expire_all()  # read back from PostgreSQL, not from the identity map
    stored = crud.get_user(db_session, user.id)
    assert stored is not None
    got = (stored.email, stored.name)
    expected = ("grace@example.org", "Rear Admiral Grace Hopper")
    assert got == expected, f"Called update_user(name=...). Got {got}, expected {expected}"


def test_update_user_changes_the_email_alone(db_session: Session) -> None:
    user = crud.create_user(db_session, email="grace@example.org", name="Grace Hopper")
    crud.update_user(db_session, user.id, email="grace@example.com")
    db_session.expire_all()  # read back from PostgreSQL, not from the identity map
    stored = crud.get_user(db_session, user.id)
    assert stored is not None
    got = (stored.email, stored.name)
    expected = ("grace@example.com", "Grace Hopper")
    assert got == expected, f"Called update_user(email=...). Got {got}, expected {expected}"


def test_update_missing_user_returns_none(db_session: Session) -> None:
    result = crud.update_user(db_session, 424242, name="Nobody")
    assert result is None, f"Called update_user on an unknown id. Got {result!r}, expected None"


def test_update_to_an_email_already_taken_raises_and_keeps_the_old_email(
    db_session: Session,
) -> None:
    crud.create_user(db_session, email="ada@example.com", name="Ada Lovelace")
    alan = crud.create_user(db_session, email="alan@example.com", name="Alan Turing")
    with pytest.raises(crud.EmailAlreadyExists, match=r"ada@example\.com") as refused:
        crud.update_user(db_session, alan.id, email="ada@example.com")
    assert refused.value.email == "ada@example.com", (
        f"Called update_user with a taken email. Got .email {refused.value.email!r}"
    )
    stored = crud.get_user(db_session, alan.id)
    assert stored is not None and stored.email == "alan@example.com", (
        f"Called update_user with a taken email. Got {stored!r}, expected alan@ unchanged"
    )


def test_delete_user_removes_the_row(db_session: Session) -> None:
    user = crud.create_user(db_session, email="ada@example.com", name="Ada Lovelace")
    deleted = crud.delete_user(db_session, user.id)
    rows = db_session.execute(text("SELECT count(*) FROM users")).scalar_one()
    assert deleted is True, f"Called delete_user. Got {deleted!r}, expected True"
    assert rows == 0, f"Called delete_user then count(*). Got {rows}, expected 0"


def test_delete_missing_user_returns_false(db_session: Session) -> None:
    deleted = crud.delete_user(db_session, 424242)
    assert deleted is False, f"Called delete_user on an unknown id. Got {deleted!r}, expected False"


def test_duplicate_email_raises_and_the_session_stays_usable(db_session: Session) -> None:
    crud.create_user(db_session, email="ada@example.com", name="Ada Lovelace")
    with pytest.raises(crud.EmailAlreadyExists, match=r"ada@example\.com"):
        crud.create_user(db_session, email="ada@example.com", name="Ada Again")
    crud.create_user(db_session, email="alan@example.com", name="Alan Turing")
    emails = [user.email for user in crud.list_users(db_session)]
    expected = ["ada@example.com", "alan@example.com"]
    assert emails == expected, f"Called create_user after a duplicate. Got {emails}, {expected}"
