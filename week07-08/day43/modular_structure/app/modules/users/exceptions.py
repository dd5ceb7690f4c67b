"""Why a users use case refuses, in the domain's words."""

from __future__ import annotations

from app.shared.exceptions import Conflict, NotFound


class UserNotFound(NotFound):
    """No user has this id."""

    def __init__(self, user_id: int) -> None:
        super().__init__(f"User {user_id} not found")
        self.user_id = user_id


class EmailTaken(Conflict):
    """Another user already registered this email."""

    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email} already exists")
        self.email = email
