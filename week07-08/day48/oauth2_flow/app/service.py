"""Registration, login, user lookup and notes: each use case owns its transaction.

Log lines name users by id, never by password, hash or token, and not by the username typed
at a failed login (people type their password into the username field).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import EMAIL_MAX_LENGTH, Note, User
from app.passwords import PasswordHasher
from app.schemas import UserCreate

EMAIL_CONSTRAINT = "uq_users_email"
# A token's "sub" is a user id: digits only, within PostgreSQL's INTEGER.
USER_ID = re.compile(r"[1-9][0-9]{0,9}")
MAX_ID = 2**31 - 1

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
    db.refresh(user)
    logger.info("registered user %s", user.id)
    return user


def find_by_username(db: Session, username: str) -> User | None:
    """The user whose email is `username` in any case; None for what cannot be an email.

    An OAuth2 form is free text: a NUL byte would make psycopg2 raise (a 500), and a
    megabyte-long name is not worth a query.
    """
    email = username.lower()
    if not email or len(email) > EMAIL_MAX_LENGTH or "\x00" in email:
        return None
    return db.scalar(select(User).where(User.email == email))


def authenticate(db: Session, hasher: PasswordHasher, username: str, password: str) -> User | None:
    """The user whose username (email) and password these are, or None.

    An unknown username costs one verification, like a wrong password (day 45), so the
    time of the answer does not tell which emails have accounts. Upgrades an outdated hash.
    """
    user = find_by_username(db, username)
    if user is None:
        hasher.verify_dummy(password)
        logger.info("login failed: no such user")
        return None
    valid, new_hash = hasher.verify_and_update(password, user.hashed_password)
    if not valid:
        logger.info("login failed: wrong password for user %s", user.id)
        return None
    if new_hash is not None:
        user.hashed_password = new_hash
        db.commit()
        logger.info("upgraded the password hash of user %s", user.id)
    logger.info("login succeeded for user %s", user.id)
    return user


def user_for_subject(db: Session, subject: str) -> User | None:
    """The user a token's "sub" names, or None if it names no user (or is not an id at all)."""
    if not USER_ID.fullmatch(subject) or int(subject) > MAX_ID:
        return None
    return db.get(User, int(subject))


def add_note(db: Session, owner: User, text: str) -> Note:
    """Store a note of `owner`."""
    note = Note(owner_id=owner.id, text=text)
    db.add(note)
    db.commit()
    db.refresh(note)
    return note


def notes_of(db: Session, owner: User) -> Sequence[Note]:
    """The notes of `owner`, oldest first; never anyone else's."""
    return db.scalars(select(Note).where(Note.owner_id == owner.id).order_by(Note.id)).all()
