"""Database work for users; routes call these and never build queries themselves."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import User
from app.schemas import UserCreate, UserUpdate

EMAIL_CONSTRAINT = "uq_users_email"


class EmailTaken(Exception):
    """Another user already has this email, as the table's unique constraint reported."""

    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email} already exists")
        self.email = email


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL reported (psycopg2 puts it in diag)."""
    diag = getattr(error.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    return name if isinstance(name, str) else None


def _commit(db: Session, email: str) -> None:
    """Commit; a clash on the email's unique constraint becomes EmailTaken.

    No SELECT-then-INSERT pre-check: two requests could both pass it. The
    constraint is checked inside PostgreSQL, so only one of them can win.
    """
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        if violated_constraint(error) == EMAIL_CONSTRAINT:
            raise EmailTaken(email) from error
        raise


def create_user(db: Session, user_in: UserCreate) -> User:
    """Insert a user; raises EmailTaken if the email is already registered."""
    user = User(email=user_in.email, name=user_in.name)
    db.add(user)
    _commit(db, user_in.email)
    db.refresh(user)  # created_at is set by PostgreSQL
    return user


def list_users(db: Session, *, skip: int = 0, limit: int = 100) -> Sequence[User]:
    """One page of users, oldest id first."""
    return db.scalars(select(User).order_by(User.id).offset(skip).limit(limit)).all()


def get_user(db: Session, user_id: int) -> User | None:
    """The user with this id, or None."""
    return db.get(User, user_id)


def replace_user(db: Session, user: User, user_in: UserUpdate) -> User:
    """Overwrite a user's email and name; EmailTaken if the email belongs to someone else."""
    user.email = user_in.email
    user.name = user_in.name
    _commit(db, user_in.email)
    return user


def delete_user(db: Session, user: User) -> None:
    """Delete a user."""
    db.delete(user)
    db.commit()
