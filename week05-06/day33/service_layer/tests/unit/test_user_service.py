"""UserService on a fake unit of work: the business rules, in milliseconds, no database."""

from __future__ import annotations

import pytest

from app.models import Post
from app.services.errors import EmailTaken, InvalidAge, UserAlreadyInactive, UserNotFound
from app.services.user_service import UserService
from tests.unit.fakes import FakeUnitOfWork, make_user

pytestmark = pytest.mark.day(33)


def test_create_user_stores_the_user_and_commits_once() -> None:
    uow = FakeUnitOfWork()
    user = UserService(uow).create_user_with_validation(
        email="Ada.Lovelace@Example.com", full_name="Ada Lovelace", age=36
    )
    stored = uow.users.get(user.id)
    assert stored is not None, "Called create_user_with_validation. Got nothing stored via add()"
    got = (user.email, user.username, user.full_name, user.age, user.is_active)
    expected = ("ada.lovelace@example.com", "ada_lovelace", "Ada Lovelace", 36, True)
    assert got == expected, f"Called create_user_with_validation. Got {got}, expected {expected}"
    assert uow.commits == 1, f"Called create_user_with_validation. Got {uow.commits} commits, 1"


@pytest.mark.hint("Generate the username from the email; if taken, add the lowest free number.")
def test_create_user_numbers_a_taken_username_from_2() -> None:
    uow = FakeUnitOfWork([make_user("ada@one.org", "ada"), make_user("ada@two.org", "ada2")])
    user = UserService(uow).create_user_with_validation(
        email="ada@three.org", full_name="Ada", age=30
    )
    assert user.username == "ada3", f"Called with ada, ada2 taken. Got {user.username!r}, 'ada3'"


@pytest.mark.hint("Compare emails in lower case, and raise EmailTaken before adding anything.")
def test_create_user_refuses_a_taken_email_in_any_case_and_commits_nothing() -> None:
    uow = FakeUnitOfWork([make_user("ada@example.com", "ada")])
    with pytest.raises(EmailTaken):
        UserService(uow).create_user_with_validation(
            email="ADA@example.com", full_name="Ada", age=30
        )
    assert len(uow.users.users) == 1, "Called with a taken email. Got a second user stored"
    assert uow.commits == 0, f"Called with a taken email. Got {uow.commits} commits, expected 0"


@pytest.mark.parametrize("age", [-1, 0, 12, 121, 1000])
def test_create_user_refuses_an_age_outside_13_to_120_and_commits_nothing(age: int) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidAge):
        UserService(uow).create_user_with_validation(
            email="kid@example.com", full_name="K", age=age
        )
    assert uow.users.users == {}, f"Called with age {age}. Got a user stored, expected none"
    assert uow.commits == 0, f"Called with age {age}. Got {uow.commits} commits, expected 0"


@pytest.mark.parametrize("age", [13, 120])
def test_create_user_accepts_the_ages_13_and_120(age: int) -> None:
    uow = FakeUnitOfWork()
    user = UserService(uow).create_user_with_validation(
        email="edge@example.com", full_name="Edge", age=age
    )
    assert (user.age, uow.commits) == (age, 1), f"Called with age {age}. Got {user.age}, {age}"


def test_deactivate_user_marks_the_user_inactive_and_commits() -> None:
    uow = FakeUnitOfWork([make_user("ada@example.com", "ada")])
    user = UserService(uow).deactivate_user(1)
    stored = uow.users.get(1)
    assert stored is not None and not stored.is_active, "Called deactivate_user(1). Still active"
    assert not user.is_active, "Called deactivate_user(1). Got is_active True in the result"
    assert uow.commits == 1, f"Called deactivate_user(1). Got {uow.commits} commits, expected 1"


def test_deactivate_user_refuses_an_unknown_id_and_commits_nothing() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(UserNotFound):
        UserService(uow).deactivate_user(7)
    assert uow.commits == 0, f"Called deactivate_user(7). Got {uow.commits} commits, expected 0"


def test_deactivate_user_refuses_an_inactive_user_and_commits_nothing() -> None:
    uow = FakeUnitOfWork([make_user("ada@example.com", "ada", is_active=False)])
    with pytest.raises(UserAlreadyInactive):
        UserService(uow).deactivate_user(1)
    assert uow.commits == 0, f"Called deactivate_user twice. Got {uow.commits} commits, expected 0"


def test_get_user_with_posts_returns_the_posts_and_commits_nothing() -> None:
    author = make_user("ada@example.com", "ada")
    author.posts = [
        Post(id=1, title="Notes", content="On the engine"),
        Post(id=2, title="B", content=""),
    ]
    uow = FakeUnitOfWork([author])
    user = UserService(uow).get_user_with_posts(1)
    titles = [post.title for post in user.posts]
    assert (user.email, titles) == ("ada@example.com", ["Notes", "B"]), (
        f"Called get_user_with_posts(1). Got {user.email}, {titles}, expected the user's posts"
    )
    assert uow.commits == 0, f"Called get_user_with_posts(1). Got {uow.commits} commits, 0"


def test_get_user_with_posts_refuses_an_unknown_id() -> None:
    with pytest.raises(UserNotFound):
        UserService(FakeUnitOfWork()).get_user_with_posts(7)
