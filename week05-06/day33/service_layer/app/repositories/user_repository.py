"""The user repository: the only module that writes SQL for users.

It never commits: the unit of work owns the transaction. It speaks the domain's
language back, so a clash on the email's unique constraint becomes EmailTaken.
"""

from __future__ import annotations

import abc

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.models import User
from app.services.errors import EmailTaken, UsernameTaken

EMAIL_CONSTRAINT = "uq_users_email"
USERNAME_CONSTRAINT = "uq_users_username"


class AbstractUserRepository(abc.ABC):
    """What the service layer may ask of user storage; tests swap in a fake."""

    @abc.abstractmethod
    def add(self, user: User) -> None:
        """Store a new user; EmailTaken or UsernameTaken if the database refuses it."""
        raise NotImplementedError

    @abc.abstractmethod
    def get(self, user_id: int) -> User | None:
        """The user with this id, or None."""
        raise NotImplementedError

    @abc.abstractmethod
    def get_by_email(self, email: str) -> User | None:
        """The user with exactly this (already normalised) email, or None."""
        raise NotImplementedError

    @abc.abstractmethod
    def get_with_posts(self, user_id: int) -> User | None:
        """The user with their posts loaded, or None."""
        raise NotImplementedError

    @abc.abstractmethod
    def usernames_starting_with(self, prefix: str) -> set[str]:
        """Every username that begins with `prefix` (to pick a free one)."""
        raise NotImplementedError


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL reported (psycopg2 puts it in diag)."""
    diag = getattr(error.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    return name if isinstance(name, str) else None


class SqlAlchemyUserRepository(AbstractUserRepository):
    """Users in PostgreSQL, through the unit of work's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, user: User) -> None:
        """INSERT now (flush), so a unique clash surfaces here as a domain error.

        The service checked the email first, but another request may have taken it
        since: PostgreSQL's unique constraint is what decides a race.
        """
        self.session.add(user)
        try:
            self.session.flush()
        except IntegrityError as error:
            constraint = violated_constraint(error)
            if constraint == EMAIL_CONSTRAINT:
                raise EmailTaken(user.email) from error
            if constraint == USERNAME_CONSTRAINT:
                raise UsernameTaken(user.username) from error
            raise

    def get(self, user_id: int) -> User | None:
        """The user with this id, or None."""
        return self.session.get(User, user_id)

    def get_by_email(self, email: str) -> User | None:
        """The user with exactly this email, or None."""
        return self.session.scalar(select(User).where(User.email == email))

    def get_with_posts(self, user_id: int) -> User | None:
        """The user and their posts in two statements, whatever the number of posts."""
        query = select(User).where(User.id == user_id).options(selectinload(User.posts))
        return self.session.scalar(query)

    def usernames_starting_with(self, prefix: str) -> set[str]:
        """Usernames beginning with `prefix`; autoescape keeps "_" from matching any character."""
        query = select(User.username).where(User.username.startswith(prefix, autoescape=True))
        return set(self.session.scalars(query))
