"""Day 50: a login answers two tokens and starts a session (a token family)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from jose import JWTError, jwt
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.config import Settings
from conftest import FrozenClock
from tests.helpers import PASSWORD, family_of, login, me, payload_of, register

pytestmark = pytest.mark.day(50)


def test_login_answers_an_access_token_and_a_refresh_token(
    client: TestClient, settings: Settings
) -> None:
    user_id = register(client)
    response = client.post("/token", data={"username": "Ada@Example.com", "password": PASSWORD})
    assert response.status_code == 200, f"Called POST /token. Got {response.status_code}"
    body = response.json()
    expected = {"access_token", "refresh_token", "token_type", "expires_in"}
    assert set(body) == expected and body["token_type"] == "bearer", (
        f"Called POST /token. Got {body}, expected the keys {sorted(expected)}, token_type bearer"
    )
    assert body["expires_in"] == settings.access_token_expire_minutes * 60
    assert response.headers.get("Cache-Control") == "no-store", (
        f"Called POST /token. Got Cache-Control {response.headers.get('Cache-Control')!r}, "
        "expected 'no-store': a token must not sit in a browser's or a proxy's cache"
    )
    claims = jwt.decode(
        body["access_token"],
        settings.jwt_secret_key.get_secret_value(),
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    assert (claims["sub"], claims["type"]) == (str(user_id), "access") and "sid" in claims, (
        f"Decoded the access token. Got {claims}, expected sub {user_id!r}, type 'access', a sid"
    )
    assert me(client, body["access_token"]).json()["id"] == user_id


def test_the_refresh_token_is_opaque_random_and_new_at_every_login(
    client: TestClient, settings: Settings
) -> None:
    register(client)
    first, second = login(client), login(client)
    token = first["refresh_token"]
    assert len(token) >= 43, f"Got a refresh token of {len(token)} characters, expected >= 43"
    with pytest.raises(JWTError):
        jwt.decode(token, settings.jwt_secret_key.get_secret_value(), algorithms=["HS256"])
    assert token != second["refresh_token"], "Logged in twice. Got the same refresh token twice"
    sessions = (payload_of(first["access_token"])["sid"], payload_of(second["access_token"])["sid"])
    assert sessions[0] != sessions[1], (
        f"Logged in twice. Got the same sid {sessions[0]} twice, expected one session per login"
    )


def test_login_starts_a_family_that_ends_session_max_days_later(
    client: TestClient, db_session: Session, settings: Settings, clock: FrozenClock
) -> None:
    user_id = register(client)
    tokens = login(client)
    family = family_of(db_session, tokens["access_token"])
    expected = (user_id, clock.now, clock.now + timedelta(days=settings.session_max_days), None)
    got = (family["user_id"], family["created_at"], family["expires_at"], family["revoked_at"])
    assert got == expected, (
        f"Logged in, then read token_families. Got (user_id, created_at, expires_at, "
        f"revoked_at) = {got}, expected {expected}"
    )
    token = db_session.execute(text("SELECT * FROM refresh_tokens")).one()._mapping
    refresh_end = clock.now + timedelta(days=settings.refresh_token_expire_days)
    assert (token["family_id"], token["expires_at"], token["used_at"]) == (
        family["id"],
        refresh_end,
        None,
    ), f"Read refresh_tokens after a login. Got {dict(token)}, expected one unused token in it"


@pytest.mark.parametrize(
    ("username", "password"),
    [("ada@example.com", "wrong password!"), ("nobody@example.com", PASSWORD)],
    ids=["wrong-password", "unknown-user"],
)
def test_a_failed_login_answers_invalid_grant_and_starts_no_session(
    client: TestClient, db_session: Session, username: str, password: str
) -> None:
    register(client)
    response = client.post("/token", data={"username": username, "password": password})
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant", (
        f"Called POST /token with a bad login. Got {response.status_code} {response.text}, "
        'expected 400 {"error": "invalid_grant", ...}'
    )
    families = db_session.execute(text("SELECT count(*) FROM token_families")).scalar_one()
    assert families == 0, f"A failed login. Got {families} sessions in token_families, expected 0"
