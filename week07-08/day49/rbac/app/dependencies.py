"""What a route may ask for: a session, the settings, the hasher, the clock, the current user,
and require_role(...): the current user, if their role is one of those allowed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.orm import Session

from app import service
from app.config import Settings
from app.models import Role, User
from app.oauth2 import oauth2_scheme
from app.passwords import PasswordHasher
from app.security import Clock, ExpiredToken, InvalidToken, decode_token

logger = logging.getLogger(__name__)

INVALID_TOKEN = "Could not validate credentials"
FORBIDDEN = "Insufficient permissions"


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


def invalid_token(description: str) -> HTTPException:  # pragma: no mutate block (given)
    """401 with the challenge RFC 6750 3.1 asks for when a token is refused."""
    challenge = f'Bearer error="invalid_token", error_description="{description}"'
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=INVALID_TOKEN, headers={"WWW-Authenticate": challenge}
    )


def get_current_user(
    token: TokenDep, db: SessionDep, settings: SettingsDep, clock: ClockDep
) -> User:  # pragma: no mutate block (given)
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
        logger.info("refused a bearer token: %s", error)
        raise invalid_token("The access token is invalid") from None
    user = service.user_for_subject(db, claims["sub"])
    if user is None:
        logger.info("refused a bearer token: its subject names no user")
        raise invalid_token("The access token is invalid")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def ensure_role(user: User, allowed: frozenset[Role]) -> User:
    """`user` if their role is in `allowed`; else 403 {"detail": "Insufficient permissions"}."""
    if user.role not in allowed:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=FORBIDDEN)
    return user


def require_role(*roles: Role) -> Callable[[User], User]:  # pragma: no mutate block (given)
    """A dependency that lets through only the users whose role is one of `roles`.

    Use it as `dependencies=[Depends(require_role(Role.ADMIN))]` on a route or a router, or
    as a parameter `admin: Annotated[User, Depends(require_role(Role.ADMIN))]` to get the
    user. Who is asking comes first (get_current_user: 401 without a valid token); then
    ensure_role answers 403 to a role not in `roles`. The role is the one stored in the
    database now, never a claim of the token. ValueError at once, when the routes are
    defined, for no roles or a name that is not a Role: a typo like "admn" must not fail open.
    """
    if not roles:
        raise ValueError("require_role needs at least one role")
    allowed = frozenset(Role(role) for role in roles)

    def role_checker(user: CurrentUser) -> User:
        return ensure_role(user, allowed)

    return role_checker
