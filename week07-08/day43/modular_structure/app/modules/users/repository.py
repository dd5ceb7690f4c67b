"""The only code that writes SQL for users. It flushes, never commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.modules.users.exceptions import EmailTaken
from app.modules.users.models import User

EMAIL_CONSTRAINT = "uq_users_email"


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL reported (psycopg2 puts it in diag)."""
    name = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    return name if isinstance(name, str) else None


class UserRepository:
    """Users in PostgreSQL, through the request's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, user: User) -> None:
        """INSERT now (flush), so a clash on the email surfaces here as EmailTaken."""
        self.session.add(user)
        try:
            self.session.flush()
        except IntegrityError as error:
            if violated_constraint(error) == EMAIL_CONSTRAINT:
                raise EmailTaken(user.email) from error
            raise  # any other clash is a bug, not the client's doing

    def get(self, user_id: int) -> User | None:
        """The user with this id, or None."""
        return self.session.get(User, user_id)

    def get_by_email(self, email: str) -> User | None:
        """The user with exactly this (normalised) email, or None."""
        return self.session.scalar(select(User).where(User.email == email))
