"""Domain errors the repositories raise; app.main maps them to HTTP once."""

from __future__ import annotations


class EmailTaken(Exception):
    """Another user already has this email."""

    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email} already exists")
        self.email = email
