"""Create, read, update and delete users through the ORM: no SQL strings anywhere."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import User


class EmailAlreadyExists(Exception):
    """Another user already has this email (the table's UNIQUE constraint said so)."""

    def __init__(self, email: str) -> None:
        super().__init__(f"a user with email {email} already exists")
        self.email = email


def _commit(session: Session, email: str) -> None:
    """Commit, turning PostgreSQL's unique violation into EmailAlreadyExists."""
    try:
        session.commit()
    except IntegrityError as exc:
        # The session is unusable until rolled back; roll back so the caller can go on.
        session.rollback()
        raise EmailAlreadyExists(email) from exc


def create_user(session: Session, *, email: str, name: str) -> User:
    """Insert a user and return it with its id and created_at filled in.

    Raises EmailAlreadyExists if the email is taken; the session stays usable.
    """
    user = User(email=email, name=name)
    session.add(user)
    _commit(session, email)
    session.refresh(user)
    return user


def get_user(session: Session, user_id: int) -> User | None:
    """The user with this id, or None."""
    return session.get(User, user_id)


def get_user_by_email(session: Session, email: str) -> User | None:
    """The user with this email, or None."""
    return session.scalars(select(User).where(User.email == email)).one_or_none()


def list_users(session: Session) -> Sequence[User]:
    """Every user, oldest id first."""
    return session.scalars(select(User).order_by(User.id)).all()


def update_user(
    session: Session, user_id: int, *, email: str | None = None, name: str | None = None
) -> User | None:
    """Change the given fields of a user; None if there is no such user.

    Raises EmailAlreadyExists if the new email is taken; the user keeps the old one.
    """
    user = session.get(User, user_id)
    if user is None:
        return None
    if email is not None:
        user.email = email
    if name is not None:
        user.name = name
    _commit(session, user.email)
    return user


def delete_user(session: Session, user_id: int) -> bool:
    """Delete a user; False if there was no such user."""
    user = session.get(User, user_id)
    if user is None:
        return False
    session.delete(user)
    session.commit()
    return True
