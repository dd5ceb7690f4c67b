"""Day 47: decode_token on its own: round trip, expiry on the injected clock, token type."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.config import Settings
from app.security import ExpiredToken, InvalidToken, create_access_token, decode_token
from conftest import FrozenClock
from tests.helpers import DROP, claims, sign

pytestmark = pytest.mark.day(47)

FIFTEEN_MINUTES = timedelta(minutes=15)


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def test_decode_token_returns_the_claims_create_access_token_signed(settings: Settings) -> None:
    token = create_access_token({"sub": "7", "role": "reader"}, FIFTEEN_MINUTES, settings=settings)
    decoded = decode_token(token, settings=settings)
    assert decoded["sub"] == "7" and decoded["role"] == "reader" and decoded["type"] == "access", (
        f"Called decode_token(create_access_token(...)). Got {decoded}"
    )


@pytest.mark.hint("python-jose reads the system clock: compare exp with now() yourself too.")
def test_a_token_expires_at_exp_on_the_injected_clock(settings: Settings) -> None:
    clock = FrozenClock(now())
    token = create_access_token({"sub": "7"}, FIFTEEN_MINUTES, settings=settings, now=clock)
    clock.advance(FIFTEEN_MINUTES - timedelta(seconds=1))
    assert decode_token(token, settings=settings, now=clock)["sub"] == "7", (
        "Called decode_token one second before exp. Expected the claims"
    )
    for step in (timedelta(seconds=1), timedelta(days=1)):
        clock.advance(step)
        with pytest.raises(ExpiredToken):
            decode_token(token, settings=settings, now=clock)
    assert issubclass(ExpiredToken, InvalidToken), "ExpiredToken must be an InvalidToken"


def test_a_token_of_another_type_is_refused(settings: Settings) -> None:
    key = settings.jwt_secret_key.get_secret_value()
    refresh = sign(claims(settings, "7", now(), type="refresh"), key)
    untyped = sign(claims(settings, "7", now(), type=DROP), key)
    for name, token in (("a refresh token", refresh), ("a token without type", untyped)):
        with pytest.raises(InvalidToken):
            decode_token(token, settings=settings)
            pytest.fail(f"Called decode_token with {name}. Expected InvalidToken")
    assert decode_token(refresh, settings=settings, expected_type="refresh")["type"] == "refresh"


@pytest.mark.parametrize(
    "token",
    ["", "abc", "a.b.c", "a.b", "....", "eyJhbGciOiJIUzI1NiJ9..", "ä.ö.ü", "x" * 10_000],
)
def test_a_malformed_token_raises_invalid_token_and_nothing_else(
    settings: Settings, token: str
) -> None:
    with pytest.raises(InvalidToken):
        decode_token(token, settings=settings)
