"""JSON Web Tokens, HS256 only: issued for access, refresh and email verification.

python-jose 3.5 is safe only when told what to require: without `algorithms` it takes the
token's own word for its algorithm, and without the `require_*` options it accepts a
token with no `exp` or no `aud`. Time claims are checked again against the app's clock,
so tests move a clock instead of sleeping, and a token is refused from the second of its
`exp` on (RFC 7519, 4.1.4), or before its `nbf`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from jose import JWTError, jwt

from app.config import Settings

ALGORITHM = "HS256"
REQUIRED = {"require_exp": True, "require_aud": True, "require_iss": True, "require_sub": True}
MAX_TOKEN_LENGTH = 4_096
MAX_SUBJECT = 2**31 - 1
MAX_TIMESTAMP = 253_402_300_799  # 9999-12-31T23:59:59Z: later times are not datetimes


class TokenType(StrEnum):
    """The `type` claim: a token of one type is refused where another is expected."""

    ACCESS = "access"
    REFRESH = "refresh"
    EMAIL = "email_verification"


class InvalidToken(Exception):
    """The token cannot be trusted. The message is for the log, never for the client."""


@dataclass(frozen=True)
class Claims:
    """What a verified token says."""

    user_id: int
    type: TokenType
    jti: uuid.UUID
    expires_at: datetime
    session_id: uuid.UUID | None = None


def issue(
    kind: TokenType,
    user_id: int,
    *,
    settings: Settings,
    now: datetime,
    lifetime: timedelta,
    session_id: uuid.UUID | None = None,
    jti: uuid.UUID | None = None,
) -> str:
    """A signed token of `kind` for `user_id`, valid from `now` for `lifetime`."""
    if lifetime <= timedelta(0):
        raise ValueError("a token's lifetime must be positive")  # pragma: no mutate (log text)
    claims: dict[str, Any] = {
        "sub": str(user_id),
        "type": kind.value,
        "jti": str(jti or uuid.uuid4()),
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
    }
    if session_id is not None:
        claims["sid"] = str(session_id)
    return jwt.encode(claims, settings.jwt_secret_key.get_secret_value(), algorithm=ALGORITHM)


def _uuid(value: object, name: str) -> uuid.UUID:
    if not isinstance(value, str):
        raise InvalidToken(f"{name} is missing or not text")  # pragma: no mutate (log text)
    try:
        return uuid.UUID(value)
    except ValueError:
        raise InvalidToken(f"{name} is not a UUID") from None  # pragma: no mutate (log text)


def decode(token: str, kind: TokenType, *, settings: Settings, now: datetime) -> Claims:
    """The claims of a token this API signed, for its audience, current, of type `kind`.

    InvalidToken for anything else: not a JWT, another signature, an algorithm other than
    HS256 ("none" included), exp/sub/iss/aud missing or wrong, exp passed, nbf or iat in
    the future, another type, a session id missing from an access or refresh token.
    """
    if len(token) > MAX_TOKEN_LENGTH:
        raise InvalidToken("the token is too long")  # pragma: no mutate (log text)
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            settings.jwt_secret_key.get_secret_value(),
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options=REQUIRED,
        )
    except (JWTError, TypeError, ValueError, OverflowError) as error:
        raise InvalidToken(str(error)) from error  # pragma: no mutate (log text)
    moment = now.timestamp()
    exp, nbf, iat = claims["exp"], claims.get("nbf"), claims.get("iat")
    for name, value in (("exp", exp), ("nbf", nbf), ("iat", iat)):
        if value is None:
            continue
        # python-jose lets "1700000000" in
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidToken(f"{name} is not a number")  # pragma: no mutate (log text)
        if not 0 <= value <= MAX_TIMESTAMP:  # also refuses NaN
            raise InvalidToken(f"{name} is out of range")  # pragma: no mutate (log text)
    if moment >= exp:
        raise InvalidToken("the token has expired")  # pragma: no mutate (log text)
    if (nbf is not None and moment < nbf) or (iat is not None and moment < iat - 60):
        raise InvalidToken("the token is not valid yet")  # pragma: no mutate (log text)
    found = claims.get("type")
    if found != kind.value:
        raise InvalidToken(f"a {found!r} token, not {kind.value!r}")  # pragma: no mutate (log text)
    subject = claims["sub"]
    if not isinstance(subject, str) or not subject.isascii() or not subject.isdigit():
        raise InvalidToken("sub is not a user id")  # pragma: no mutate (log text)
    user_id = int(subject)
    if not 1 <= user_id <= MAX_SUBJECT:
        raise InvalidToken("sub is out of range")  # pragma: no mutate (log text)
    session_id = None
    if kind is not TokenType.EMAIL:
        session_id = _uuid(claims.get("sid"), "sid")
    return Claims(
        user_id=user_id,
        type=kind,
        jti=_uuid(claims.get("jti"), "jti"),
        expires_at=datetime.fromtimestamp(exp, tz=now.tzinfo),
        session_id=session_id,
    )
