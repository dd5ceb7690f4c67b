"""Shared by the day 49 tests: people of each role, their tokens, and forged tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from jose import jwt
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.config import Settings
from app.models import Role, User
from app.security import create_access_token

PASSWORD = "correct horse battery staple"


def add_user(db: Session, email: str, role: Role, hashed_password: str) -> User:
    """A user of `role`, stored directly (registration always makes a "user")."""
    user = User(email=email, hashed_password=hashed_password, role=role)
    db.add(user)
    db.commit()  # committed: a service that rolls back must not take it with it
    return user


def token_for(settings: Settings, user_id: int) -> str:
    """An access token for this user, as POST /token would issue it."""
    return create_access_token({"sub": str(user_id)}, timedelta(minutes=15), settings=settings)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def forged(settings: Settings, user_id: int, key: str, **extra: Any) -> str:
    """A token for this user with extra claims, signed with `key` (the real one, or not)."""
    claims = jwt.get_unverified_claims(token_for(settings, user_id)) | extra
    return jwt.encode(claims, key, algorithm="HS256")


def stored_role(db: Session, user_id: int) -> str:
    """The role column of a user, read with raw SQL."""
    role = db.execute(text("SELECT role::text FROM users WHERE id = :id"), {"id": user_id})
    return str(role.scalar_one())
