"""The contract: UserRepository (PostgreSQL) and InMemoryUserRepository give the same answers.

Every test runs twice, once per implementation, with the same expected values. A fake that
passes these tests can stand in for the database in any unit test.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from app.errors import EmailTaken
from app.models import User
from app.repositories import AbstractUserRepository, InMemoryUserRepository, UserRepository

pytestmark = pytest.mark.day(32)


@pytest.fixture(params=["sqlalchemy", "in_memory"])
def users(request: pytest.FixtureRequest) -> AbstractUserRepository:
    """Each implementation in turn, empty."""
    if request.param == "sqlalchemy":
        db_session: Session = request.getfixturevalue("db_session")
        return UserRepository(db_session)
    return InMemoryUserRepository()


def add(users: AbstractUserRepository, email: str, *, active: bool = True) -> User:
    return users.add(User(email=email, name=email.split("@")[0], is_active=active))


def emails(found: list[User]) -> list[str]:
    return [user.email for user in found]


def test_add_sets_an_id_and_get_returns_the_user(users: AbstractUserRepository) -> None:
    added = users.add(User(email="ada@example.com", name="Ada"))
    found = users.get(added.id)
    got = (found.email, found.name, found.is_active) if found else None
    assert isinstance(added.id, int) and added.id > 0, f"Called add. Got id {added.id!r}"
    assert got == ("ada@example.com", "Ada", True), f"Called add then get. Got {got}"
    assert isinstance(found and found.created_at, datetime), "Called get. Expected created_at set"


def test_get_an_unknown_id_returns_none(users: AbstractUserRepository) -> None:
    ada = add(users, "ada@example.com")
    got = users.get(ada.id + 1000)
    assert got is None, f"Called get({ada.id + 1000}) on an unknown id. Got {got}, expected None"


def test_ids_grow_in_the_order_users_are_added(users: AbstractUserRepository) -> None:
    ids = [add(users, email).id for email in ("a@example.com", "b@example.com", "c@example.com")]
    assert ids == sorted(set(ids)), f"Called add three times. Got ids {ids}, expected increasing"


def test_get_all_returns_users_in_id_order_one_page_at_a_time(
    users: AbstractUserRepository,
) -> None:
    for email in ("ada@example.com", "grace@example.com", "alan@example.com"):
        add(users, email)
    everyone = emails(users.get_all())
    page = emails(users.get_all(offset=1, limit=1))
    expected = ["ada@example.com", "grace@example.com", "alan@example.com"]
    assert everyone == expected, f"Called get_all(). Got {everyone}, expected {expected}"
    assert page == ["grace@example.com"], f"Called get_all(offset=1, limit=1). Got {page}"


def test_a_taken_email_raises_email_taken_and_the_repository_goes_on(
    users: AbstractUserRepository,
) -> None:
    add(users, "ada@example.com")
    with pytest.raises(EmailTaken) as caught:
        add(users, "ada@example.com")
    add(users, "grace@example.com")
    stored = emails(users.get_all())
    expected = ["ada@example.com", "grace@example.com"]
    assert caught.value.email == "ada@example.com", f"Got EmailTaken.email {caught.value.email!r}"
    assert stored == expected, f"Called add with a taken email. Got {stored}, expected {expected}"


def test_get_by_email_ignores_case_and_returns_none_when_missing(
    users: AbstractUserRepository,
) -> None:
    ada = add(users, "ada@example.com")
    found = users.get_by_email("ADA@Example.com")
    missing = users.get_by_email("nobody@example.com")
    assert found is not None and found.id == ada.id, f"Called get_by_email. Got {found}"
    assert missing is None, f"Called get_by_email with an unknown email. Got {missing}"


def test_list_active_leaves_out_inactive_users(users: AbstractUserRepository) -> None:
    add(users, "ada@example.com")
    add(users, "grace@example.com", active=False)
    add(users, "alan@example.com")
    add(users, "linus@example.com")
    active = emails(users.list_active())
    page = emails(users.list_active(offset=1, limit=1))
    expected = ["ada@example.com", "alan@example.com", "linus@example.com"]
    assert active == expected, f"Called list_active(). Got {active}, expected {expected}"
    assert page == ["alan@example.com"], f"Called list_active(offset=1, limit=1). Got {page}"


def test_delete_removes_the_user(users: AbstractUserRepository) -> None:
    ada = add(users, "ada@example.com")
    add(users, "grace@example.com")
    users.delete(ada)
    left = emails(users.get_all())
    assert users.get(ada.id) is None, f"Called delete then get({ada.id}). Expected None"
    assert left == ["grace@example.com"], f"Called delete then get_all. Got {left}"


def test_created_at_is_now_in_utc(users: AbstractUserRepository) -> None:
    added = users.add(User(email="ada@example.com", name="Ada"))
    found = users.get(added.id)
    created = found.created_at if found else None
    assert created is not None and created.tzinfo is not None, (
        f"Called add then get. Got created_at {created!r}, expected an aware datetime"
    )
    ago = datetime.now(UTC) - created
    assert abs(ago) < timedelta(minutes=5), f"Called add. Got created_at {created}, {ago} ago"


@pytest.mark.parametrize("method", ["get_all", "list_active"])
def test_a_page_holds_100_users_by_default(users: AbstractUserRepository, method: str) -> None:
    for number in range(101):
        add(users, f"user{number}@example.com")
    page = getattr(users, method)()
    assert len(page) == 100, f"Called {method}() on 101 users. Got {len(page)}, expected 100"


def test_the_in_memory_repository_numbers_users_from_1_given_ones_first() -> None:
    given = [User(email="ada@example.com", name="Ada"), User(email="alan@example.com", name="Alan")]
    users = InMemoryUserRepository(given)
    grace = add(users, "grace@example.com")
    got = [(user.id, user.email) for user in users.get_all()]
    expected = [(1, "ada@example.com"), (2, "alan@example.com"), (3, "grace@example.com")]
    assert got == expected, f"Called InMemoryUserRepository([ada, alan]).add(grace). Got {got}"
    assert grace.id == 3, f"Called add after two given users. Got id {grace.id}, expected 3"
