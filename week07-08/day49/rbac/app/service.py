"""Use cases: accounts, roles and posts. Each owns its transaction; errors are plain exceptions.

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

from app.models import EMAIL_MAX_LENGTH, Post, Role, User
from app.passwords import PasswordHasher
from app.schemas import PostCreate, UserCreate

EMAIL_CONSTRAINT = "uq_users_email"
# A token's "sub" is a user id: digits only, within PostgreSQL's INTEGER.
USER_ID = re.compile(r"[1-9][0-9]{0,9}")
MAX_ID = 2**31 - 1

logger = logging.getLogger(__name__)


class EmailTaken(Exception):
    """Another account already has this email, as the unique constraint reported."""

    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email} already exists")


class NotFound(Exception):
    """The user or post the request names does not exist."""


class LastAdmin(Exception):
    """The change would leave no admin: nobody could ever change a role again."""

    def __init__(self) -> None:
        super().__init__("The last admin cannot be demoted")


def violated_constraint(error: IntegrityError) -> str | None:  # pragma: no mutate block (given)
    """The name of the constraint PostgreSQL reported (psycopg2 puts it in diag)."""
    diag = getattr(error.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    return name if isinstance(name, str) else None


def register_user(
    db: Session, hasher: PasswordHasher, user_in: UserCreate
) -> User:  # pragma: no mutate block (given)
    """Store a new user (role "user": the model's default); EmailTaken if the email is used."""
    hashed = hasher.hash_password(user_in.password.get_secret_value())
    user = User(email=user_in.email, hashed_password=hashed)
    db.add(user)
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        if violated_constraint(error) == EMAIL_CONSTRAINT:
            raise EmailTaken(user_in.email) from None  # the error's text holds the hash
        raise
    db.refresh(user)
    logger.info("registered user %s with role %s", user.id, user.role)
    return user


def find_by_username(db: Session, username: str) -> User | None:  # pragma: no mutate block (given)
    """The user whose email is `username` in any case; None for what cannot be an email."""
    email = username.lower()
    if not email or len(email) > EMAIL_MAX_LENGTH or "\x00" in email:
        return None
    return db.scalar(select(User).where(User.email == email))


def authenticate(
    db: Session, hasher: PasswordHasher, username: str, password: str
) -> User | None:  # pragma: no mutate block (given)
    """The user whose username (email) and password these are, or None (day 48)."""
    user = find_by_username(db, username)
    if user is None:
        hasher.verify_dummy(password)  # same time as a wrong password
        return None
    valid, new_hash = hasher.verify_and_update(password, user.hashed_password)
    if not valid:
        logger.info("login failed for user %s", user.id)
        return None
    if new_hash is not None:
        user.hashed_password = new_hash
        db.commit()
    return user


def user_for_subject(db: Session, subject: str) -> User | None:  # pragma: no mutate block (given)
    """The user a token's "sub" names, read from the database now, or None.

    populate_existing: even a session that loaded this user earlier reads the row again, so
    the role used is the one stored at this moment, never a copy from an earlier request.
    """
    if not USER_ID.fullmatch(subject) or int(subject) > MAX_ID:
        return None
    return db.get(User, int(subject), populate_existing=True)


def list_users(db: Session) -> Sequence[User]:  # pragma: no mutate block (given)
    """Every user, by id."""
    return db.scalars(select(User).order_by(User.id)).all()


def change_role(db: Session, user_id: int, role: Role, *, changed_by: int) -> User:
    """Give user `user_id` the role `role`; NotFound, or LastAdmin if no admin would be left.

    The admins' rows are locked (SELECT ... FOR UPDATE, in id order) before they are
    counted: two admins demoting each other at the same moment would otherwise both see
    two admins and both succeed. Here the second waits for the first to commit, counts
    again, and gets LastAdmin. The change is logged with who made it.
    """
    admins = db.scalars(
        select(User.id).where(User.role == Role.ADMIN).order_by(User.id).with_for_update()
    ).all()
    user = db.get(User, user_id, with_for_update=True, populate_existing=True)
    if user is None:
        db.rollback()
        raise NotFound(f"User {user_id} not found")
    if user.role == Role.ADMIN and role != Role.ADMIN and list(admins) == [user.id]:
        db.rollback()
        raise LastAdmin()
    previous, user.role = user.role, role
    db.commit()
    logger.info(
        "user %s changed the role of user %s from %s to %s", changed_by, user.id, previous, role
    )
    return user


def promote_to_admin(db: Session, email: str) -> User:  # pragma: no mutate block (given)
    """Make the user with this email an admin (the operator's bootstrap, app.make_admin)."""
    user = find_by_username(db, email)
    if user is None:
        raise NotFound(f"No user with email {email}")
    user.role = Role.ADMIN
    db.commit()
    logger.info("user %s was made an admin from the command line", user.id)
    return user


def create_post(
    db: Session, author: User, post_in: PostCreate
) -> Post:  # pragma: no mutate block (given)
    """Store a post by `author`."""
    post = Post(author_id=author.id, title=post_in.title, body=post_in.body)
    db.add(post)
    db.commit()
    db.refresh(post)
    return post


def list_posts(db: Session) -> Sequence[Post]:  # pragma: no mutate block (given)
    """Every post, newest first."""
    return db.scalars(select(Post).order_by(Post.id.desc())).all()


def delete_post(db: Session, post_id: int, *, deleted_by: int) -> None:
    """Remove a post, whoever wrote it; NotFound if there is none. Logged with who did it."""
    post = db.get(Post, post_id)
    if post is None:
        raise NotFound(f"Post {post_id} not found")
    db.delete(post)
    db.commit()
    logger.info("user %s deleted post %s of user %s", deleted_by, post_id, post.author_id)
