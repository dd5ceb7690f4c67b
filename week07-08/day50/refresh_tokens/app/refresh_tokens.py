"""Refresh tokens: opaque, stored only as a hash, single use, rotated within one family.

A login starts a family (one session, one device). Each refresh spends the token presented
and hands out a new pair; a token that comes back after it was spent means two parties
hold the family's tokens (one of them a thief) and the whole family is revoked.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NoReturn

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.config import Settings
from app.models import RefreshToken, TokenFamily, User
from app.security import create_access_token

# 32 random bytes: 256 bits nobody can guess, so a fast hash is enough to store them.
REFRESH_TOKEN_BYTES = 32

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TokenPair:
    """What a login or a refresh answers; expires_in: seconds the access token lives."""

    access_token: str
    refresh_token: str
    expires_in: int


class InvalidRefreshToken(Exception):
    """Unknown, expired, already used, revoked, or its user is disabled: log in again."""


class RefreshTokenReused(InvalidRefreshToken):
    """A used refresh token came back: its family has been revoked."""


def new_refresh_token() -> str:
    """A fresh opaque token: REFRESH_TOKEN_BYTES random bytes, base64url (43 characters)."""
    return secrets.token_urlsafe(REFRESH_TOKEN_BYTES)


def hash_refresh_token(token: str) -> str:
    """The SHA-256 of the token, 64 hex digits: what the database stores and looks up."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_pair(db: Session, settings: Settings, family: TokenFamily, now: datetime) -> TokenPair:
    """Add a new refresh token to `family` and sign an access token for its session.

    Neither outlives the family: both expiries are capped at family.expires_at.
    The caller commits.
    """
    refresh_token = new_refresh_token()
    refresh_lifetime = timedelta(days=settings.refresh_token_expire_days)
    refresh_expires = min(now + refresh_lifetime, family.expires_at)
    db.add(
        RefreshToken(
            family_id=family.id,
            token_hash=hash_refresh_token(refresh_token),
            issued_at=now,
            expires_at=refresh_expires,
        )
    )
    access_expires = min(
        now + timedelta(minutes=settings.access_token_expire_minutes), family.expires_at
    )
    access_token = create_access_token(
        family.user_id, family.id, access_expires, settings=settings, now=now
    )
    expires_in = int((access_expires - now).total_seconds())
    return TokenPair(access_token, refresh_token, expires_in)


def start_session(db: Session, settings: Settings, user: User, now: datetime) -> TokenPair:
    """After a login: a new family ending session_max_days from now, and its first pair."""
    family = TokenFamily(
        id=uuid.uuid4(),
        user_id=user.id,
        created_at=now,
        expires_at=now + timedelta(days=settings.session_max_days),
    )
    db.add(family)
    db.flush()  # the family's row first: its tokens' foreign key points at it
    pair = issue_pair(db, settings, family, now)
    db.commit()
    logger.info("user %s started session %s", user.id, family.id)  # pragma: no mutate
    return pair


def rotate(db: Session, settings: Settings, presented: str, now: datetime) -> TokenPair:
    """Spend `presented` and answer a new pair in the same family.

    One conditional UPDATE claims the token: it must be unused, unexpired, in a family
    that is neither revoked nor past its end, of an active user. Of two requests racing
    with one token, PostgreSQL lets exactly one UPDATE match; the other finds it used.
    InvalidRefreshToken otherwise; RefreshTokenReused (family revoked) for a used token.
    """
    digest = hash_refresh_token(presented)
    live_families = (
        select(TokenFamily.id)
        .join(User, User.id == TokenFamily.user_id)
        .where(TokenFamily.revoked_at.is_(None), TokenFamily.expires_at > now, User.is_active)
    )
    family_id = db.execute(
        update(RefreshToken)
        .where(
            RefreshToken.token_hash == digest,
            RefreshToken.used_at.is_(None),
            RefreshToken.expires_at > now,
            RefreshToken.family_id.in_(live_families),
        )
        .values(used_at=now)
        .returning(RefreshToken.family_id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if family_id is None:
        refuse(db, digest, now)
    family = db.get_one(TokenFamily, family_id)
    pair = issue_pair(db, settings, family, now)
    db.commit()
    return pair


def refuse(db: Session, digest: str, now: datetime) -> NoReturn:
    """Raise for a token that could not be claimed; revoke its family first if it was used."""
    used_in = db.scalar(
        select(RefreshToken.family_id).where(
            RefreshToken.token_hash == digest, RefreshToken.used_at.is_not(None)
        )
    )
    if used_in is None:
        db.rollback()
        raise InvalidRefreshToken("unknown, expired or revoked refresh token")
    revoke_family(db, used_in, "reuse", now)
    db.commit()
    # A warning, for monitoring: a stolen token or a client that replays its tokens.
    logger.warning("refresh token reused: session %s revoked", used_in)  # pragma: no mutate
    raise RefreshTokenReused("refresh token reused")


def revoke_family(db: Session, family_id: uuid.UUID, reason: str, now: datetime) -> bool:
    """Mark the family revoked (if it is not yet); True if this call revoked it."""
    result: Any = db.execute(
        update(TokenFamily)
        .where(TokenFamily.id == family_id, TokenFamily.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)


def revoke(db: Session, presented: str, now: datetime) -> None:
    """Logout: revoke the family of any of its tokens, used or not; unknown tokens: nothing."""
    family_id = db.scalar(
        select(RefreshToken.family_id).where(
            RefreshToken.token_hash == hash_refresh_token(presented)
        )
    )
    if family_id is not None and revoke_family(db, family_id, "logout", now):
        logger.info("session %s logged out", family_id)  # pragma: no mutate
    db.commit()


def revoke_all(db: Session, user_id: int, reason: str, now: datetime) -> int:
    """Revoke every live family of the user (logout everywhere); the number revoked."""
    result: Any = db.execute(
        update(TokenFamily)
        .where(TokenFamily.user_id == user_id, TokenFamily.revoked_at.is_(None))
        .values(revoked_at=now, revoked_reason=reason)
        .execution_options(synchronize_session=False)
    )
    db.commit()
    return int(result.rowcount)


def session_user(db: Session, user_id: int, session_id: uuid.UUID, now: datetime) -> User | None:
    """The user an access token names, read on every request, or None.

    None unless the user is active and the session (family) the token names is theirs,
    not revoked and not past its end: logout and a disabled account end access at once.
    """
    return db.scalar(
        select(User)
        .join(TokenFamily, TokenFamily.user_id == User.id)
        .where(
            User.id == user_id,
            User.is_active,
            TokenFamily.id == session_id,
            TokenFamily.revoked_at.is_(None),
            TokenFamily.expires_at > now,
        )
    )
