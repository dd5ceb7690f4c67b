"""A repository kept in a dict: the fake that unit tests (and the contract suite) use."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from app.errors import EmailTaken
from app.models import User
from app.repositories.user_repository import AbstractUserRepository


class InMemoryUserRepository(AbstractUserRepository):
    """Same answers as UserRepository, no database: ids from 1, defaults filled on add."""

    def __init__(self, users: Iterable[User] = ()) -> None:
        self._users: dict[int, User] = {}
        self._next_id = 1
        for user in users:
            self.add(user)

    def add(self, entity: User) -> User:
        """Refuse a taken email (exact match, like the unique constraint), then store."""
        if any(user.email == entity.email for user in self._users.values()):
            raise EmailTaken(entity.email)
        entity.id = self._next_id
        self._next_id += 1
        # A new User holds None where the column defaults would fill in at INSERT.
        defaults: dict[str, object] = {"is_active": True, "created_at": datetime.now(UTC)}
        for name, value in defaults.items():
            if getattr(entity, name) is None:
                setattr(entity, name, value)
        self._users[entity.id] = entity
        return entity

    def get(self, entity_id: int) -> User | None:
        """Look the id up in the dict."""
        return self._users.get(entity_id)

    def get_all(self, *, offset: int = 0, limit: int = 100) -> list[User]:
        """Sort by id, then slice."""
        return sorted(self._users.values(), key=lambda user: user.id)[offset : offset + limit]

    def delete(self, entity: User) -> None:
        """Forget the entity."""
        self._users.pop(entity.id, None)

    def get_by_email(self, email: str) -> User | None:
        """Compare lower-cased, like lower(email) in SQL."""
        wanted = email.lower()
        return next((user for user in self._users.values() if user.email.lower() == wanted), None)

    def list_active(self, *, offset: int = 0, limit: int = 100) -> list[User]:
        """Keep the active users, sort by id, then slice."""
        active = sorted((u for u in self._users.values() if u.is_active), key=lambda u: u.id)
        return active[offset : offset + limit]
