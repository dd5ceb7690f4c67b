"""What a route may ask for: a session, the settings, the hasher, the clock, the current user."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from app import service
from app.config import Settings
from app.models import User
from app.passwords import PasswordHasher
from app.security import Clock, InvalidToken, decode_token

logger = logging.getLogger(__name__)

# auto_error=False: a missing header gets the same 401 shape as a bad token (below), and
# /docs shows an "Authorize" button for a Bearer token.
bearer_scheme = HTTPBearer(auto_error=False, bearerFormat="JWT")


def get_db(request: Request) -> Iterator[Session]:  # pragma: no mutate block (given)
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
    """The app's clock: tokens are issued and checked by it (tests freeze it)."""
    clock: Clock = request.app.state.clock
    return clock


SessionDep = Annotated[Session, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
HasherDep = Annotated[PasswordHasher, Depends(get_hasher)]
ClockDep = Annotated[Clock, Depends(get_clock)]
BearerDep = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


def unauthorized(detail: str, challenge: str) -> HTTPException:
    """401 with the WWW-Authenticate challenge that HTTP requires on every 401 (RFC 9110)."""
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": challenge}
    )


def get_current_user(
    credentials: BearerDep, db: SessionDep, settings: SettingsDep, clock: ClockDep
) -> User:
    """The user of a valid `Authorization: Bearer <access token>`, else 401.

    No header (or another scheme): 401 "Not authenticated", `WWW-Authenticate: Bearer`.
    Any bad token, an expired one, or one whose user is gone: 401 "Could not validate
    credentials", `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750), one answer
    for every cause; the cause goes to the log, the token never does.
    """
    if credentials is None:
        raise unauthorized("Not authenticated", "Bearer")
    invalid = unauthorized("Could not validate credentials", 'Bearer error="invalid_token"')
    try:
        claims = decode_token(credentials.credentials, settings=settings, now=clock)
    except InvalidToken as error:
        logger.info("refused a bearer token: %s", error)
        raise invalid from None
    user = service.user_for_subject(db, claims["sub"])
    if user is None:
        logger.info("refused a bearer token: its subject names no user")
        raise invalid
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
