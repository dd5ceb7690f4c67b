"""JSON Web Tokens: signed with HS256; decoding checks the signature, the algorithm and every claim.

python-jose 3.5 is safe only when told what to require: without `algorithms` it would take
the token's own word for its algorithm, and without the `require_*` options it accepts a
token that has no `exp` or no `aud` at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from jose import ExpiredSignatureError, JWTError, jwt

from app.config import Settings

ALGORITHM = "HS256"  # pinned: the one algorithm this API signs with, and accepts
ACCESS = "access"  # the "type" claim of an access token (refresh tokens come on day 50)
REQUIRED = {"require_exp": True, "require_aud": True, "require_iss": True, "require_sub": True}

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, time-zone aware, in UTC."""
    return datetime.now(UTC)


class InvalidToken(Exception):
    """The token cannot be trusted. The message says why, for the log, never for the client."""


class ExpiredToken(InvalidToken):
    """The token was valid once; its `exp` has passed."""


def create_access_token(
    data: dict[str, Any], expires_delta: timedelta, *, settings: Settings, now: Clock = utc_now
) -> str:
    """A signed access token carrying `data`, which must hold "sub" (the user's id as text).

    Adds iat and exp (now, now + expires_delta, whole seconds), iss and aud (from the
    settings), type "access" and a random jti; these win over the same keys in `data`.
    ValueError for a missing or non-text "sub", or an expires_delta that is not positive.
    """
    subject = data.get("sub")
    if not isinstance(subject, str) or not subject:
        raise ValueError('data must hold "sub": the user\'s id as a string')  # pragma: no mutate
    if expires_delta <= timedelta(0):
        raise ValueError("expires_delta must be positive")  # pragma: no mutate
    issued_at = now()
    claims = {
        **data,
        "iat": int(issued_at.timestamp()),
        "exp": int((issued_at + expires_delta).timestamp()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "type": ACCESS,
        "jti": uuid.uuid4().hex,  # tells two tokens of one second apart; revocation keys on it
    }
    return jwt.encode(claims, settings.jwt_secret_key.get_secret_value(), algorithm=ALGORITHM)


def decode_token(
    token: str, *, settings: Settings, now: Clock = utc_now, expected_type: str = ACCESS
) -> dict[str, Any]:
    """The claims of a token this API signed, for its audience, unexpired, of `expected_type`.

    Raises ExpiredToken once `now()` reaches exp, and InvalidToken for anything else: not a
    JWT, another signature, an algorithm other than HS256 ("none" included), exp, sub, iss
    or aud missing, another issuer or audience, another type.
    """
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            settings.jwt_secret_key.get_secret_value(),
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options=REQUIRED,
        )
    except ExpiredSignatureError as error:
        raise ExpiredToken("the token has expired") from error  # pragma: no mutate
    except (JWTError, TypeError, OverflowError) as error:  # python-jose on exp: [1], Infinity
        raise InvalidToken(str(error)) from error  # pragma: no mutate
    exp = claims["exp"]
    if not isinstance(exp, int | float):
        # python-jose lets "1700000000" through
        raise InvalidToken("exp is not a number")  # pragma: no mutate
    # python-jose compares exp with the system clock, which cannot be handed in, and lets a
    # token live through the second of its exp. The app's clock decides too: a token is
    # refused on or after exp (RFC 7519, 4.1.4), and tests move a clock instead of sleeping.
    if now().timestamp() >= exp:
        raise ExpiredToken("the token has expired")  # pragma: no mutate
    if claims.get("type") != expected_type:
        raise InvalidToken(f"a {claims.get('type')!r} token where {expected_type!r} was expected")
    return claims
