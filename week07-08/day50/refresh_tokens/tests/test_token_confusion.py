"""Day 50: each token opens only its own door; junk and forgeries are refused, never a 500."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from jose import jwt

from app.config import Settings
from conftest import FrozenClock
from tests.helpers import (
    assert_refused_access,
    assert_refused_refresh,
    login,
    me,
    payload_of,
    refresh,
    refreshed,
    register,
)

pytestmark = pytest.mark.day(50)


def test_a_refresh_token_is_never_accepted_as_an_access_token(client: TestClient) -> None:
    register(client)
    tokens = login(client)
    assert_refused_access(me(client, tokens["refresh_token"]), "a refresh token as bearer")


def test_an_access_token_is_never_accepted_as_a_refresh_token(client: TestClient) -> None:
    register(client)
    tokens = login(client)
    assert_refused_refresh(refresh(client, tokens["access_token"]), "an access token")
    refreshed(client, tokens["refresh_token"])  # and the session is not harmed by it


def forge(settings: Settings, clock: FrozenClock, **claims: object) -> str:
    """An access token signed with the real key: what a leaked key or a bug could produce."""
    payload = {
        "iat": int(clock.now.timestamp()),
        "exp": int((clock.now + timedelta(minutes=15)).timestamp()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "type": "access",
        **claims,
    }
    key = settings.jwt_secret_key.get_secret_value()
    return jwt.encode({k: v for k, v in payload.items() if v is not None}, key, algorithm="HS256")


@pytest.mark.hint("The session (sid) must belong to the token's user (sub), checked in SQL.")
def test_an_access_token_naming_someone_elses_session_is_refused(
    client: TestClient, settings: Settings, clock: FrozenClock
) -> None:
    register(client)
    mallory = register(client, "mallory@example.com")
    ada_session = payload_of(login(client)["access_token"])["sid"]
    token = forge(settings, clock, sub=str(mallory), sid=ada_session)
    assert_refused_access(me(client, token), "Mallory's id with Ada's session id")


def test_an_access_token_without_a_live_session_of_its_user_is_refused(
    client: TestClient, settings: Settings, clock: FrozenClock
) -> None:
    user_id = register(client)
    for sid in (None, "not-a-uuid", str(uuid.uuid4())):
        token = forge(settings, clock, sub=str(user_id), sid=sid)
        assert_refused_access(me(client, token), f"a signed access token with sid={sid}")


JUNK_BODIES: list[tuple[dict[str, object], int]] = [
    ({"refresh_token": "x" * 43}, 400),
    ({"refresh_token": ""}, 422),
    ({"refresh_token": "x" * 10_000}, 422),
    ({}, 422),
    ({"refresh_token": 12345}, 422),
]


def test_junk_refresh_requests_are_refused_cleanly(client: TestClient) -> None:
    for body, expected in JUNK_BODIES:
        response = client.post("/token/refresh", json=body)
        assert response.status_code == expected, (
            f"Called POST /token/refresh with {str(body)[:60]}. Got {response.status_code}, "
            f"expected {expected}"
        )
        assert "x" * 43 not in response.text, "The refused token was echoed in the answer"
