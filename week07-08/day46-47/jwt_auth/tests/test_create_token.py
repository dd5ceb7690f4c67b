"""Day 46: create_access_token and the signing secret's settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from jose import JWTError, jwt
from pydantic import ValidationError

from app.config import Settings
from app.security import create_access_token
from conftest import FrozenClock

pytestmark = pytest.mark.day(46)

T0 = datetime.now(UTC).replace(microsecond=0)
FIFTEEN_MINUTES = timedelta(minutes=15)
OTHER_SECRET = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"


def read(token: str, settings: Settings) -> dict[str, object]:
    """The claims, checked by python-jose with the test settings' secret, issuer and audience."""
    decoded: dict[str, object] = jwt.decode(
        token,
        settings.jwt_secret_key.get_secret_value(),
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    return decoded


def test_the_token_is_an_hs256_jwt_with_every_registered_claim(settings: Settings) -> None:
    token = create_access_token(
        {"sub": "42"}, FIFTEEN_MINUTES, settings=settings, now=FrozenClock(T0)
    )
    header = jwt.get_unverified_header(token)
    assert header == {"alg": "HS256", "typ": "JWT"}, f"Got the header {header}"
    claims = read(token, settings)
    assert set(claims) == {"sub", "iat", "exp", "iss", "aud", "type", "jti"}, (
        f"Called create_access_token. Got the claims {sorted(claims)}, expected "
        "aud, exp, iat, iss, jti, sub, type"
    )
    expected = {
        "sub": "42",
        "iat": int(T0.timestamp()),
        "exp": int((T0 + FIFTEEN_MINUTES).timestamp()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "type": "access",
    }
    got = {key: claims[key] for key in expected}
    assert got == expected, f"Called create_access_token at T0 for 15 minutes. Got {got}"


def test_the_token_is_signed_with_the_settings_secret_and_no_other(settings: Settings) -> None:
    token = create_access_token({"sub": "42"}, FIFTEEN_MINUTES, settings=settings)
    assert read(token, settings)["sub"] == "42"
    with pytest.raises(JWTError):
        jwt.decode(token, OTHER_SECRET, algorithms=["HS256"], options={"verify_aud": False})


def test_data_cannot_override_the_claims_the_function_sets(settings: Settings) -> None:
    data = {
        "sub": "42",
        "exp": 4_102_444_800,  # year 2100
        "iat": 0,
        "type": "refresh",
        "aud": "someone-else",
        "iss": "someone-else",
        "role": "reader",
    }
    token = create_access_token(data, FIFTEEN_MINUTES, settings=settings, now=FrozenClock(T0))
    claims = read(token, settings)
    assert claims["exp"] == int((T0 + FIFTEEN_MINUTES).timestamp()), f"Got exp {claims['exp']}"
    assert claims["iat"] == int(T0.timestamp()) and claims["type"] == "access", f"Got {claims}"
    assert claims["role"] == "reader", "Expected the other keys of data kept in the token"


@pytest.mark.parametrize(
    ("data", "lifetime"),
    [
        ({}, FIFTEEN_MINUTES),
        ({"sub": 42}, FIFTEEN_MINUTES),
        ({"sub": ""}, FIFTEEN_MINUTES),
        ({"sub": "42"}, timedelta(0)),
        ({"sub": "42"}, timedelta(minutes=-5)),
    ],
)
def test_create_access_token_refuses_a_bad_subject_or_lifetime(
    settings: Settings, data: dict[str, object], lifetime: timedelta
) -> None:
    with pytest.raises(ValueError):
        create_access_token(data, lifetime, settings=settings)


def test_two_tokens_issued_in_one_second_are_told_apart_by_jti(settings: Settings) -> None:
    clock = FrozenClock(T0)
    first = read(
        create_access_token({"sub": "1"}, FIFTEEN_MINUTES, settings=settings, now=clock), settings
    )
    second = read(
        create_access_token({"sub": "1"}, FIFTEEN_MINUTES, settings=settings, now=clock), settings
    )
    assert first["jti"] != second["jti"], f"Got jti {first['jti']!r} twice, expected a random jti"


@pytest.mark.hint("A field_validator on jwt_secret_key: len(secret.encode()) >= 32.")
def test_settings_refuse_a_signing_secret_under_32_bytes() -> None:
    for short in ("hunter2", "x" * 31, "é" * 15 + "x"):  # the last is 31 bytes in UTF-8
        with pytest.raises(ValidationError) as refused:
            Settings(environment="test", jwt_secret_key=short)
        assert short not in str(refused.value), "The refused secret was echoed in the error"
    for enough in ("x" * 32, "é" * 16):
        Settings(environment="test", jwt_secret_key=enough)


def test_the_default_secret_is_random_and_prod_requires_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("JWT_SECRET_KEY", raising=False)
    first, second = Settings(environment="test"), Settings(environment="test")
    secret = first.jwt_secret_key.get_secret_value()
    assert len(secret.encode()) >= 32 and secret != second.jwt_secret_key.get_secret_value(), (
        "Expected a fresh random secret of 32+ bytes for each Settings() without JWT_SECRET_KEY"
    )
    assert secret not in repr(first), "The secret shows in repr(settings): make it a SecretStr"
    with pytest.raises(ValidationError):
        Settings(environment="prod")  # no JWT_SECRET_KEY: refused in prod
