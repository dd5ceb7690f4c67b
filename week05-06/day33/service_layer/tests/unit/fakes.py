"""In-memory stand-ins for the repository and the unit of work: no database at all."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from app.models import User
from app.repositories.user_repository import AbstractUserRepository
from app.services.unit_of_work import AbstractUnitOfWork


class FakeUserRepository(AbstractUserRepository):
    """Users in a dict; ids and created_at are assigned on add, as PostgreSQL would."""

    def __init__(self, users: list[User] | None = None) -> None:
        self._ids = itertools.count(1)
        self.users: dict[int, User] = {}
        for user in users or []:
            self.add(user)

    def add(self, user: User) -> None:
        user.id = next(self._ids)
        user.created_at = datetime.now(UTC)
        self.users[user.id] = user

    def get(self, user_id: int) -> User | None:
        return self.users.get(user_id)

    def get_by_email(self, email: str) -> User | None:
        return next((user for user in self.users.values() if user.email == email), None)

    def get_with_posts(self, user_id: int) -> User | None:
        return self.users.get(user_id)

    def usernames_starting_with(self, prefix: str) -> set[str]:
        return {user.username for user in self.users.values() if user.username.startswith(prefix)}


class FakeUnitOfWork(AbstractUnitOfWork):
    """Counts commits, so a test can tell a use case that committed from one that did not."""

    users: FakeUserRepository

    def __init__(self, users: list[User] | None = None) -> None:
        self.users = FakeUserRepository(users)
        self.commits = 0

    def commit(self) -> None:
        self.commits += 1

    def rollback(self) -> None:
        pass


def make_user(email: str, username: str, *, is_active: bool = True) -> User:
    """A stored-looking user for a fake repository."""
    return User(email=email, username=username, full_name="Someone", age=30, is_active=is_active)
