"""Registration, login and disabling a user: each use case owns its transaction.

Log lines name users by id, never by password, hash or token.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import refresh_tokens
from app.models import User
from app.passwords import PasswordHasher

logger = logging.getLogger(__name__)


class EmailTaken(Exception):
    """Another account already has this email."""

    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email} already exists")


def register_user(db: Session, hasher: PasswordHasher, email: str, password: str) -> User:
    """Store a new user with an argon2id hash of the password; EmailTaken if the email is used."""
    user = User(email=email, hashed_password=hasher.hash_password(password))
    db.add(user)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise EmailTaken(email) from None  # the error's text holds the INSERT's parameters
    logger.info("registered user %s", user.id)  # pragma: no mutate
    return user


def authenticate(db: Session, hasher: PasswordHasher, email: str, password: str) -> User | None:
    """The active user with this email and password, or None (same cost for every failure)."""
    user = db.scalar(select(User).where(User.email == email.lower()))
    valid = hasher.verify_password(password, user.hashed_password if user else None)
    if user is None or not valid or not user.is_active:
        logger.info("login failed")  # pragma: no mutate
        return None
    return user


def disable_user(db: Session, user_id: int, now: datetime) -> None:
    """Disable the account and end all its sessions (what an admin's "block" would call).

    Access tokens stop at once because every request reads is_active; the sessions are
    revoked too, so re-enabling the account later does not bring them back.
    """
    db.execute(update(User).where(User.id == user_id).values(is_active=False))
    revoked = refresh_tokens.revoke_all(db, user_id, "user_disabled", now)
    logger.info("disabled user %s, %s sessions revoked", user_id, revoked)  # pragma: no mutate
