"""An in-memory user store: a Python list, and the two errors its rules raise."""

from models import User, UserCreate


class UserNotFoundError(Exception):
    """No user has this id."""


class EmailTakenError(Exception):
    """Another user already has this email."""


class UserStore:
    """Users kept in a list; ids grow and are never reused, even after a delete."""

    def __init__(self) -> None:
        self._users: list[User] = []
        self._next_id = 1

    def list(self) -> list[User]:  # pragma: no mutate block
        """Return every user, oldest first."""
        return list(self._users)

    def get(self, user_id: int) -> User:
        """Return the user with this id, or raise UserNotFoundError."""
        for user in self._users:
            if user.id == user_id:
                return user
        raise UserNotFoundError(user_id)

    def add(self, data: UserCreate) -> User:
        """Store a new user under the next id; emails must be unique."""
        self._check_email_free(data.email)
        user = User(id=self._next_id, **data.model_dump())
        self._next_id += 1
        self._users.append(user)
        return user

    def replace(self, user_id: int, data: UserCreate) -> User:
        """Overwrite every field of an existing user, keeping its id."""
        index = self._users.index(self.get(user_id))
        self._check_email_free(data.email, ignore_id=user_id)
        self._users[index] = User(id=user_id, **data.model_dump())
        return self._users[index]

    def delete(self, user_id: int) -> None:
        """Remove a user, or raise UserNotFoundError."""
        self._users.remove(self.get(user_id))

    def _check_email_free(self, email: str, ignore_id: int | None = None) -> None:
        # Emails differ in case only by accident: Ada@Example.com is ada@example.com.
        if any(u.email.lower() == email.lower() and u.id != ignore_id for u in self._users):
            raise EmailTakenError(email)
