"""Day 47: every token a reviewer would forge is a 401 with a Bearer challenge, never a 500.

The forged tokens are made with python-jose and the test secret, so each one is wrong in
exactly one way: its signature, its algorithm, its expiry, one claim, or its type.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from app.config import Settings
from conftest import FrozenClock
from tests.helpers import DROP, b64url, claims, register_and_login, sign, unsigned

pytestmark = pytest.mark.day(47)

INVALID = {"detail": "Could not validate credentials"}
OTHER_SECRET = "an-attackers-own-secret-of-32-bytes-or-more"


def me(client: TestClient, token: str) -> Any:
    # Bytes: a header may carry any byte an attacker sends, not only ASCII.
    return client.get("/users/me", headers={b"Authorization": f"Bearer {token}".encode()})


def assert_refused(client: TestClient, token: str, what: str) -> None:
    """GET /users/me with `token` is a 401 invalid_token with the one generic message."""
    response = me(client, token)
    assert response.status_code == 401, (
        f"Called GET /users/me with {what}. Got {response.status_code} {response.text[:120]}, "
        "expected 401"
    )
    assert response.json() == INVALID, f"Called GET /users/me with {what}. Got {response.json()}"
    challenge = response.headers.get("www-authenticate", "")
    assert challenge.startswith("Bearer"), (
        f"Called GET /users/me with {what}. Got WWW-Authenticate {challenge!r}, "
        "expected 'Bearer ...'"
    )


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@pytest.fixture
def user_id(client: TestClient) -> int:
    """A registered user whose token the tests forge, after checking a real one works."""
    user_id, token = register_and_login(client)
    assert me(client, token).status_code == 200, "A real login token must work first"
    return user_id


@pytest.fixture
def key(settings: Settings) -> str:
    return settings.jwt_secret_key.get_secret_value()


@pytest.mark.parametrize(
    "token", ["not-a-jwt", "a.b.c", "a.b", "eyJhbGciOiJIUzI1NiJ9..", "....", "ä.ö.ü"]
)
def test_a_malformed_token_is_401(client: TestClient, user_id: int, token: str) -> None:
    assert_refused(client, token, f"the malformed token {token!r}")


def test_a_token_signed_with_another_secret_is_401(
    client: TestClient, settings: Settings, user_id: int
) -> None:
    forged = sign(claims(settings, str(user_id), now()), OTHER_SECRET)
    assert_refused(client, forged, "a token signed with another secret")


def test_a_tampered_payload_under_the_original_signature_is_401(
    client: TestClient, settings: Settings, user_id: int, key: str
) -> None:
    other_id, _ = register_and_login(client, "grace@example.com")
    header, _, signature = sign(claims(settings, str(user_id), now()), key).split(".")
    payload = b64url(json.dumps(claims(settings, str(other_id), now())).encode())
    assert_refused(client, f"{header}.{payload}.{signature}", "a payload swapped under a signature")


@pytest.mark.hint("decode with algorithms=['HS256']: never let the token choose its algorithm.")
def test_an_alg_none_token_is_401(
    client: TestClient, settings: Settings, user_id: int, key: str
) -> None:
    payload = claims(settings, str(user_id), now())
    assert_refused(client, unsigned(payload), "an unsigned alg=none token")
    signature = sign(payload, key).split(".")[2]
    assert_refused(client, unsigned(payload, signature), "an alg=none token with a real signature")


def test_an_hs512_token_with_the_right_secret_is_401(
    client: TestClient, settings: Settings, user_id: int, key: str
) -> None:
    forged = sign(claims(settings, str(user_id), now()), key, algorithm="HS512")
    assert_refused(client, forged, "an HS512 token signed with the real secret")


def test_an_rs256_token_is_401(client: TestClient, settings: Settings, user_id: int) -> None:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    forged = sign(claims(settings, str(user_id), now()), pem, algorithm="RS256")
    assert_refused(client, forged, "an RS256 token signed with an attacker's RSA key")


@pytest.mark.hint("The app's clock (get_clock) decides; the test freezes it and moves it.")
def test_a_token_expires_on_the_apps_clock_without_sleeping(
    client: TestClient, clock: FrozenClock, settings: Settings
) -> None:
    _, token = register_and_login(client)
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    clock.advance(lifetime - timedelta(seconds=1))
    assert me(client, token).status_code == 200, "One second before exp, the token must work"
    clock.advance(timedelta(seconds=1))
    assert_refused(client, token, "a token whose exp is now (the app's clock)")


def test_a_token_whose_exp_has_passed_on_the_system_clock_is_401(
    client: TestClient, settings: Settings, user_id: int, key: str
) -> None:
    issued = now() - timedelta(hours=1)
    forged = sign(claims(settings, str(user_id), issued), key)
    assert_refused(client, forged, "a token issued an hour ago for 15 minutes")


@pytest.mark.hint("options={'require_exp': True, ...}: python-jose accepts a token without exp.")
def test_a_token_without_exp_or_with_a_bad_exp_is_401(
    client: TestClient, settings: Settings, user_id: int, key: str
) -> None:
    missing = sign(claims(settings, str(user_id), now(), exp=DROP), key)
    assert_refused(client, missing, "a token without exp")
    text_exp = sign(claims(settings, str(user_id), now(), exp="4102444800"), key)
    assert_refused(client, text_exp, 'a token with exp "4102444800" (text, not a number)')
    endless = sign(claims(settings, str(user_id), now(), exp=float("inf")), key)
    assert_refused(client, endless, "a token with exp Infinity")


@pytest.mark.hint("audience=settings.jwt_audience and require_aud: True.")
def test_a_token_without_aud_or_for_another_audience_is_401(
    client: TestClient, settings: Settings, user_id: int, key: str
) -> None:
    assert_refused(client, sign(claims(settings, str(user_id), now(), aud=DROP), key), "no aud")
    other = sign(claims(settings, str(user_id), now(), aud="another-api"), key)
    assert_refused(client, other, "aud 'another-api'")


def test_a_token_without_iss_or_from_another_issuer_is_401(
    client: TestClient, settings: Settings, user_id: int, key: str
) -> None:
    assert_refused(client, sign(claims(settings, str(user_id), now(), iss=DROP), key), "no iss")
    other = sign(claims(settings, str(user_id), now(), iss="evil-issuer"), key)
    assert_refused(client, other, "iss 'evil-issuer'")


@pytest.mark.parametrize("sub", [DROP, "", "abc", "0", "-1", "1e3", "99999999999999999999", 7])
def test_a_token_whose_sub_is_missing_or_not_a_user_id_is_401(
    client: TestClient, settings: Settings, user_id: int, key: str, sub: object
) -> None:
    forged = sign(claims(settings, sub, now()), key)
    shown = "no sub" if sub is DROP else f"sub {sub!r}"
    assert_refused(client, forged, f"a token with {shown}")


@pytest.mark.hint("Check the type claim: only 'access' opens /users/me.")
def test_a_refresh_token_or_an_untyped_token_is_401(
    client: TestClient, settings: Settings, user_id: int, key: str
) -> None:
    refresh = sign(claims(settings, str(user_id), now(), type="refresh"), key)
    assert_refused(client, refresh, "a token of type 'refresh'")
    untyped = sign(claims(settings, str(user_id), now(), type=DROP), key)
    assert_refused(client, untyped, "a token without a type claim")


def test_the_forged_token_builder_makes_tokens_the_app_accepts(
    client: TestClient, settings: Settings, user_id: int, key: str
) -> None:
    # The control: without a change, a forged token is valid, so each 401 above is for its change.
    response = me(client, sign(claims(settings, str(user_id), now()), key))
    assert response.status_code == 200, f"Got {response.status_code}, expected 200"
