"""What a route may ask for: a session, the settings, the hasher, the clock, the current user."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.orm import Session

from app import service
from app.config import Settings
from app.models import User
from app.oauth2 import oauth2_scheme
from app.passwords import PasswordHasher
from app.security import Clock, ExpiredToken, InvalidToken, decode_token

logger = logging.getLogger(__name__)

INVALID_TOKEN = "Could not validate credentials"


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
# oauth2_scheme reads `Authorization: Bearer <token>`; without one it answers 401 itself,
# with `WWW-Authenticate: Bearer`. It is also what puts the Authorize button on /docs.
TokenDep = Annotated[str, Depends(oauth2_scheme)]


def invalid_token(description: str) -> HTTPException:
    """401 with the challenge RFC 6750 3.1 asks for when a token is refused."""
    challenge = f'Bearer error="invalid_token", error_description="{description}"'
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=INVALID_TOKEN, headers={"WWW-Authenticate": challenge}
    )


def get_current_user(
    token: TokenDep, db: SessionDep, settings: SettingsDep, clock: ClockDep
) -> User:
    """The user of a valid bearer access token, else 401 "Could not validate credentials".

    No token at all never gets here: oauth2_scheme has answered 401 "Not authenticated".
    An expired token: `WWW-Authenticate: Bearer error="invalid_token",
    error_description="The access token expired"` (the client knows to log in again).
    Any other bad token (not a JWT, another signature or algorithm, a missing or wrong
    claim, a user who is gone): the same with error_description="The access token is invalid".
    The cause goes to the log, the token never does.
    """
    try:
        claims = decode_token(token, settings=settings, now=clock)
    except ExpiredToken:
        raise invalid_token("The access token expired") from None
    except InvalidToken as error:
        logger.info("refused a bearer token: %s", error)  # pragma: no mutate
        raise invalid_token("The access token is invalid") from None  # pragma: no mutate
    user = service.user_for_subject(db, claims["sub"])
    if user is None:
        logger.info("refused a bearer token: its subject names no user")  # pragma: no mutate
        raise invalid_token("The access token is invalid")  # pragma: no mutate
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
