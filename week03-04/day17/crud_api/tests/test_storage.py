"""Day 17: the in-memory store's rules, without HTTP."""

import pytest

from models import UserCreate
from storage import EmailTakenError, UserNotFoundError, UserStore

pytestmark = pytest.mark.day(17)

ADA = UserCreate(name="Ada", email="ada@example.com", age=36)
GRACE = UserCreate(name="Grace", email="grace@example.com", age=45)


@pytest.mark.hint("Keep a counter of the next id: len(users) + 1 reuses an id after a delete.")
def test_ids_grow_and_are_not_reused_after_delete() -> None:
    store = UserStore()
    first = store.add(ADA)
    store.delete(first.id)
    second = store.add(GRACE)
    assert (first.id, second.id) == (1, 2), (
        f"Called add, delete, add. Got ids {(first.id, second.id)}, expected (1, 2)"
    )


def test_email_is_unique_ignoring_case() -> None:
    store = UserStore()
    store.add(ADA)
    with pytest.raises(EmailTakenError):
        store.add(GRACE.model_copy(update={"email": "ADA@example.com"}))
    assert len(store.list()) == 1, f"Called add twice. Got {len(store.list())} users, expected 1"


def test_replace_may_keep_the_users_own_email() -> None:
    store = UserStore()
    user = store.add(ADA)
    replaced = store.replace(user.id, ADA.model_copy(update={"age": 37}))
    assert replaced.age == 37 and replaced.id == user.id, (
        f"Called replace(age=37). Got {replaced}, expected the same id with age 37"
    )


def test_unknown_id_raises_not_found_for_get_replace_and_delete() -> None:
    store = UserStore()
    for call in (lambda: store.get(9), lambda: store.replace(9, ADA), lambda: store.delete(9)):
        with pytest.raises(UserNotFoundError):
            call()
