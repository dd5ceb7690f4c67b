"""Domain errors: what went wrong, in the domain's words. The edge maps them to HTTP."""

from __future__ import annotations


class DomainError(Exception):
    """A use case refused; str(error) says why."""


class UserNotFound(DomainError):
    """No user has this id."""

    def __init__(self, user_id: int) -> None:
        super().__init__(f"User {user_id} not found")
        self.user_id = user_id


class EmailTaken(DomainError):
    """Another user already registered this email."""

    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email} already exists")
        self.email = email
