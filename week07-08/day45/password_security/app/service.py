"""Registration and login: each use case owns its transaction and its log lines.

Log lines name users by id, never by password or hash, and not by the email typed at a
failed login (people type their password into the email field).
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import User
from app.schemas import UserCreate
from app.security import PasswordHasher

EMAIL_CONSTRAINT = "uq_users_email"

logger = logging.getLogger(__name__)


class EmailTaken(Exception):
    """Another account already has this email, as the unique constraint reported."""

    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email} already exists")
        self.email = email


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL reported (psycopg2 puts it in diag)."""
    diag = getattr(error.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    return name if isinstance(name, str) else None


def register_user(db: Session, hasher: PasswordHasher, user_in: UserCreate) -> User:
    """Store a new user with an argon2id hash of the password; EmailTaken if the email is used."""
    hashed = hasher.hash_password(user_in.password.get_secret_value())
    user = User(email=user_in.email, hashed_password=hashed)
    db.add(user)
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        if violated_constraint(error) == EMAIL_CONSTRAINT:
            # from None: the IntegrityError's text holds the INSERT's parameters (the hash).
            raise EmailTaken(user_in.email) from None
        raise
    db.refresh(user)  # created_at is set by PostgreSQL
    logger.info("registered user %s", user.id)
    return user


def authenticate(db: Session, hasher: PasswordHasher, email: str, password: str) -> User | None:
    """The user whose email and password these are, or None; upgrades an outdated hash.

    An unknown email costs one verification, like a wrong password, so response times do
    not tell which emails have accounts.
    """
    user = db.scalar(select(User).where(User.email == email))
    if user is None:
        hasher.verify_dummy(password)
        logger.info("login failed: no such user")  # pragma: no mutate
        return None
    valid, new_hash = hasher.verify_and_update(password, user.hashed_password)
    if not valid:
        logger.info("login failed: wrong password for user %s", user.id)
        return None
    if new_hash is not None:
        # The password is known to be right just now: the one moment a hash can be upgraded.
        user.hashed_password = new_hash
        db.commit()
        logger.info("upgraded the password hash of user %s to argon2id", user.id)
    logger.info("login succeeded for user %s", user.id)
    return user
