"""UserService: the user use cases and the business rules they enforce.

Rules: an email is registered once, whatever its letter case; an age is between
MIN_AGE and MAX_AGE; every user gets a username made from their email, numbered
when taken ("ada", then "ada2", "ada3"). Each use case opens the unit of work,
commits once if it succeeds, and otherwise raises a domain error and commits nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from app.models import User
from app.schemas import UserRead, UserWithPosts
from app.services.errors import EmailTaken, InvalidAge, UserAlreadyInactive, UserNotFound
from app.services.unit_of_work import AbstractUnitOfWork

MIN_AGE = 13
MAX_AGE = 120
USERNAME_MAX_LENGTH = 30
_NOT_USERNAME = re.compile(r"[^a-z0-9]+")


def normalise_email(email: str) -> str:
    """One spelling per address: "Ada@Example.COM " and "ada@example.com" are one user."""
    return email.strip().lower()


def username_base(email: str) -> str:
    """The email's local part in lower case, other characters as "_", at most 30 long."""
    local_part = normalise_email(email).partition("@")[0]
    base = _NOT_USERNAME.sub("_", local_part).strip("_")[:USERNAME_MAX_LENGTH].strip("_")
    return base or "user"


def generate_username(email: str, taken: Collection[str]) -> str:
    """username_base(email) if free, else the base with the lowest free number from 2."""
    base = username_base(email)
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


class UserService:
    """The use cases on users; the unit of work is handed in (real, or a fake in tests)."""

    def __init__(self, uow: AbstractUnitOfWork) -> None:
        self.uow = uow

    def create_user_with_validation(self, *, email: str, full_name: str, age: int) -> UserRead:
        """Register a user; InvalidAge or EmailTaken refuse it."""
        if not MIN_AGE <= age <= MAX_AGE:
            raise InvalidAge(age, MIN_AGE, MAX_AGE)  # refused before any database work
        email = normalise_email(email)
        with self.uow:
            if self.uow.users.get_by_email(email) is not None:
                raise EmailTaken(email)
            taken = self.uow.users.usernames_starting_with(username_base(email))
            user = User(
                email=email,
                username=generate_username(email, taken),
                full_name=full_name,
                age=age,
                is_active=True,
            )
            self.uow.users.add(user)
            self.uow.commit()
            return UserRead.model_validate(user)

    def deactivate_user(self, user_id: int) -> UserRead:
        """Mark a user inactive; UserNotFound, or UserAlreadyInactive the second time."""
        with self.uow:
            user = self.uow.users.get(user_id)
            if user is None:
                raise UserNotFound(user_id)
            if not user.is_active:
                raise UserAlreadyInactive(user_id)
            user.is_active = False
            self.uow.commit()
            return UserRead.model_validate(user)

    def get_user_with_posts(self, user_id: int) -> UserWithPosts:
        """A user and their posts; UserNotFound. Reads only: nothing to commit."""
        with self.uow:
            user = self.uow.users.get_with_posts(user_id)
            if user is None:
                raise UserNotFound(user_id)
            # Built inside the block: the read model holds plain values, the session none.
            return UserWithPosts.model_validate(user)
