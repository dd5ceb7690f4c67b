"""What a route may ask for: a session, the settings, the hasher, the clock, the current user."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session

from app.config import Settings
from app.models import User
from app.passwords import PasswordHasher
from app.security import Clock, InvalidToken, decode_access_token

logger = logging.getLogger(__name__)

# Reads `Authorization: Bearer <token>`; without one it answers 401 "Not authenticated"
# with `WWW-Authenticate: Bearer` itself. It also puts the Authorize button on /docs.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

MAX_ID = 2**31 - 1  # PostgreSQL's INTEGER


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
    """The app's clock: tokens are issued and checked by it (tests may freeze it)."""
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


def get_current_user(
    token: TokenDep, db: SessionDep, settings: SettingsDep, clock: ClockDep
) -> User:
    """Authentication: the active user of a valid access token, read on every request.

    No token: 401 "Not authenticated" (from oauth2_scheme). A bad or expired token, or one
    whose user is gone or disabled: 401 "Could not validate credentials" with
    `WWW-Authenticate: Bearer error="invalid_token"`.
    """
    try:
        claims = decode_access_token(token, settings=settings, now=clock())
    except InvalidToken as error:
        logger.info("refused a bearer token: %s", error)
        raise invalid_token() from None
    subject = claims["sub"]
    if (
        not (isinstance(subject, str) and subject.isascii() and subject.isdigit())
        or len(subject) > 10
    ):
        raise invalid_token()
    # populate_existing: a SELECT every time, even if this session has seen the user before.
    user_id = int(subject)
    user = db.get(User, user_id, populate_existing=True) if 0 < user_id <= MAX_ID else None
    if user is None or not user.is_active:
        logger.info("refused a bearer token: its user is gone or disabled")
        raise invalid_token()
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
