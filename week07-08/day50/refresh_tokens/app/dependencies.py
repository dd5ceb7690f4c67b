"""What a route may ask for: a session, the settings, the hasher, the clock, the current user."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from app import refresh_tokens
from app.config import Settings
from app.models import User
from app.passwords import PasswordHasher
from app.security import Clock, InvalidToken, decode_access_token

logger = logging.getLogger(__name__)

# Reads `Authorization: Bearer <token>`; without one it answers 401 "Not authenticated"
# with `WWW-Authenticate: Bearer` itself. It also puts the Authorize button on /docs.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

MAX_USER_ID = 2**31 - 1  # PostgreSQL's INTEGER


def get_db(request: Request) -> Iterator[Session]:
    """Open a session for this request and close it however the request ends."""
    session: Session = request.app.state.session_factory()
    try:
        yield session
    finally:
        session.close()


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    settings: Settings = request.app.state.settings
    return settings


def get_hasher(request: Request) -> PasswordHasher:
    """The hasher built from the app's settings."""
    hasher: PasswordHasher = request.app.state.hasher
    return hasher


def get_clock(request: Request) -> Clock:
    """The app's clock: tokens are issued and checked by it (tests freeze and move it)."""
    clock: Clock = request.app.state.clock
    return clock


SessionDep = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
HasherDep = Annotated[PasswordHasher, Depends(get_hasher)]
ClockDep = Annotated[Clock, Depends(get_clock)]
TokenDep = Annotated[str, Depends(oauth2_scheme)]


def invalid_token() -> HTTPException:
    """401 with the challenge RFC 6750 3.1 asks for when a bearer token is refused."""
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def subject_ids(claims: dict[str, object]) -> tuple[int, uuid.UUID] | None:
    """(user id, session id) from an access token's sub and sid, or None if malformed."""
    sub, sid = claims.get("sub"), claims.get("sid")
    if not isinstance(sub, str) or not sub.isascii() or not sub.isdigit():
        return None
    try:
        session_id = uuid.UUID(str(sid))
    except ValueError:
        return None
    user_id = int(sub)
    return (user_id, session_id) if 0 < user_id <= MAX_USER_ID else None


def get_current_user(
    token: TokenDep, db: SessionDep, settings: SettingsDep, clock: ClockDep
) -> User:
    """The user of a valid access token whose session is live, read on every request.

    401 "Could not validate credentials" with `WWW-Authenticate: Bearer
    error="invalid_token"` for a bad or expired token, a refresh token, a revoked or
    ended session, a disabled or deleted user: one answer, the cause goes to the log.
    """
    now = clock()
    try:
        claims = decode_access_token(token, settings=settings, now=now)
    except InvalidToken as error:
        logger.info("refused a bearer token: %s", error)
        raise invalid_token() from None
    ids = subject_ids(claims)
    user = refresh_tokens.session_user(db, *ids, now) if ids is not None else None
    if user is None:
        logger.info("refused a bearer token: its session or user is no longer valid")
        raise invalid_token()
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
