"""Domain errors: why a use case refused, in the domain's words. No status codes here."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule refused the use case; str(error) says why."""


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


class UsernameTaken(DomainError):
    """Another request took the generated username at the same moment."""

    def __init__(self, username: str) -> None:
        super().__init__(f"Username {username} was just taken, please try again")
        self.username = username


class InvalidAge(DomainError):
    """The age is outside what the service accepts."""

    def __init__(self, age: int, minimum: int, maximum: int) -> None:
        super().__init__(f"Age must be between {minimum} and {maximum}, got {age}")
        self.age = age


class UserAlreadyInactive(DomainError):
    """The user was deactivated before."""

    def __init__(self, user_id: int) -> None:
        super().__init__(f"User {user_id} is already inactive")
        self.user_id = user_id
