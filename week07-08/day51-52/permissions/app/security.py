"""Access tokens (days 46-48): HS256 JWTs that name the user and nothing they may do.

Permissions are not claims here: they are read from the database on every request, so a
grant or a revoke applies to tokens already handed out. python-jose 3.5 is safe only when
told what to require: an algorithm list, and exp, aud, iss and sub as required claims.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from jose import JWTError, jwt

from app.config import Settings

ALGORITHM = "HS256"
ACCESS = "access"
REQUIRED = {"require_exp": True, "require_aud": True, "require_iss": True, "require_sub": True}

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, time-zone aware, in UTC."""
    return datetime.now(UTC)


class InvalidToken(Exception):
    """The token cannot be trusted. The message says why, for the log, never for the client."""


def create_access_token(user_id: int, *, settings: Settings, now: datetime) -> str:
    """A signed access token for `user_id`, valid access_token_expire_minutes from `now`."""
    expires = now + timedelta(minutes=settings.access_token_expire_minutes)
    claims = {
        "sub": str(user_id),
        "iat": int(now.timestamp()),
        "exp": int(expires.timestamp()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "type": ACCESS,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, settings.jwt_secret_key.get_secret_value(), algorithm=ALGORITHM)


def decode_access_token(token: str, *, settings: Settings, now: datetime) -> dict[str, Any]:
    """The claims of an unexpired access token this API signed; InvalidToken otherwise."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            settings.jwt_secret_key.get_secret_value(),
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options=REQUIRED,
        )
    except (JWTError, TypeError) as error:  # TypeError: python-jose on an exp like [1]
        raise InvalidToken(f"the token was refused: {type(error).__name__}") from None
    exp = claims["exp"]
    # python-jose checks exp against the system clock only; the app's clock decides too.
    if not isinstance(exp, int | float) or now.timestamp() >= exp:
        raise InvalidToken("the token has expired")
    if claims.get("type") != ACCESS:
        raise InvalidToken("not an access token")
    return claims
