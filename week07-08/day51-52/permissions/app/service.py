"""Accounts, posts and user administration: each use case owns its transaction."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Post, Role, User
from app.passwords import PasswordHasher

logger = logging.getLogger(__name__)


class EmailTaken(Exception):
    """Another account already has this email."""

    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email} already exists")


class NotFound(LookupError):
    """No row with that id: answered 404 with this message."""


class SelfChangeRefused(Exception):
    """An admin may not change their own role or disable themselves (a lockout by mistake)."""


def register_user(
    db: Session, hasher: PasswordHasher, email: str, password: str
) -> User:  # pragma: no mutate block (given)
    """A new account with the role "user"; EmailTaken if the email is used."""
    user = User(email=email, hashed_password=hasher.hash_password(password), role=Role.USER)
    db.add(user)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise EmailTaken(email) from None  # the error's text holds the INSERT's parameters
    logger.info("registered user %s", user.id)
    return user


def authenticate(
    db: Session, hasher: PasswordHasher, email: str, password: str
) -> User | None:  # pragma: no mutate block (given)
    """The active user with this email and password, or None (same cost for every failure)."""
    user = db.scalar(select(User).where(User.email == email.lower()))
    valid = hasher.verify_password(password, user.hashed_password if user else None)
    return user if user is not None and valid and user.is_active else None


def list_posts(db: Session) -> Sequence[Post]:  # pragma: no mutate block (given)
    """Every post, oldest first."""
    return db.scalars(select(Post).order_by(Post.id)).all()


def get_post(db: Session, post_id: int) -> Post:  # pragma: no mutate block (given)
    """The post, or NotFound."""
    post = db.get(Post, post_id)
    if post is None:
        raise NotFound(f"Post {post_id} not found")
    return post


def create_post(
    db: Session, author: User, title: str, body: str
) -> Post:  # pragma: no mutate block (given)
    """A new post by `author`."""
    post = Post(author_id=author.id, title=title, body=body)
    db.add(post)
    db.commit()
    return post


def update_post(
    db: Session, post: Post, title: str | None, body: str | None
) -> Post:  # pragma: no mutate block (given)
    """Change the fields given (None: unchanged)."""
    if title is not None:
        post.title = title
    if body is not None:
        post.body = body
    db.commit()
    return post


def delete_post(db: Session, post: Post) -> None:  # pragma: no mutate block (given)
    """Delete the post."""
    db.delete(post)
    db.commit()


def list_users(db: Session) -> Sequence[User]:  # pragma: no mutate block (given)
    """Every account, by id."""
    return db.scalars(select(User).order_by(User.id)).all()


def update_user(
    db: Session, acting: User, user_id: int, role: Role | None, is_active: bool | None
) -> User:
    """Change a user's role or active flag; takes effect at their next request.

    NotFound for an unknown id; SelfChangeRefused when an admin targets their own account.
    """
    user = db.get(User, user_id)
    if user is None:
        raise NotFound(f"User {user_id} not found")
    if user.id == acting.id:
        refusal = "You cannot change your own role or disable yourself"  # pragma: no mutate
        raise SelfChangeRefused(refusal)
    if role is not None:
        user.role = role
    if is_active is not None:
        user.is_active = is_active
    db.commit()
    changes = f"role={role} active={is_active}"  # pragma: no mutate
    logger.info("user %s changed user %s: %s", acting.id, user.id, changes)  # pragma: no mutate
    return user
