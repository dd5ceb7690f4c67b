"""Day 46: POST /login answers an access token, and nothing else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from jose import jwt
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.config import Settings
from conftest import FrozenClock
from tests.helpers import PASSWORD, payload_of

pytestmark = pytest.mark.day(46)


def register(client: TestClient, email: str = "ada@example.com") -> int:
    response = client.post("/register", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, f"Called POST /register. Got {response.status_code}"
    return int(response.json()["id"])


def test_login_answers_a_bearer_access_token_for_the_user(
    client: TestClient, settings: Settings
) -> None:
    user_id = register(client)
    response = client.post("/login", json={"email": "Ada@Example.com", "password": PASSWORD})
    assert response.status_code == 200, f"Called POST /login. Got {response.status_code}"
    body = response.json()
    assert set(body) == {"access_token", "token_type"} and body["token_type"] == "bearer", (
        f"Called POST /login. Got {body}, expected exactly access_token and token_type 'bearer'"
    )
    claims = jwt.decode(
        body["access_token"],
        settings.jwt_secret_key.get_secret_value(),
        algorithms=["HS256"],
        audience=settings.jwt_audience,
        issuer=settings.jwt_issuer,
    )
    assert claims["sub"] == str(user_id), (
        f"Decoded the login token. Got sub {claims['sub']!r}, expected the user id {user_id!r} "
        "as text"
    )
    assert claims["type"] == "access"


def test_the_token_lives_access_token_expire_minutes_from_the_apps_clock(
    client: TestClient, settings: Settings, clock: FrozenClock
) -> None:
    register(client)
    response = client.post("/login", json={"email": "ada@example.com", "password": PASSWORD})
    claims = payload_of(response.json()["access_token"])
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    expected = (int(clock.now.timestamp()), int((clock.now + lifetime).timestamp()))
    assert (claims["iat"], claims["exp"]) == expected, (
        f"Logged in at the app's clock. Got (iat, exp) = {(claims['iat'], claims['exp'])}, "
        f"expected {expected}: the clock from get_clock and ACCESS_TOKEN_EXPIRE_MINUTES"
    )


def test_the_token_carries_no_password_hash_or_email(
    client: TestClient, db_session: Session
) -> None:
    register(client)
    token = client.post("/login", json={"email": "ada@example.com", "password": PASSWORD}).json()
    readable = str(payload_of(token["access_token"]))
    stored = db_session.execute(text("SELECT hashed_password FROM users")).scalar_one()
    for secret in (PASSWORD, stored, "ada@example.com"):
        assert secret not in readable, (
            f"Read the token's payload without any key. Found {secret[:12]}..., expected only "
            "ids and claims: anyone holding a JWT can read it"
        )


@pytest.mark.hint("raise HTTPException(401, ..., headers={'WWW-Authenticate': 'Bearer'})")
def test_a_failed_login_is_one_401_with_a_bearer_challenge_and_no_token(
    client: TestClient,
) -> None:
    register(client)
    wrong = client.post("/login", json={"email": "ada@example.com", "password": "wrong password"})
    unknown = client.post("/login", json={"email": "eve@example.com", "password": PASSWORD})
    for name, response in (("a wrong password", wrong), ("an unknown email", unknown)):
        assert response.status_code == 401, (
            f"Called POST /login with {name}. Got {response.status_code}"
        )
        assert response.json() == {"detail": "Incorrect email or password"}, (
            f"Got {response.json()}"
        )
        assert response.headers.get("www-authenticate") == "Bearer", (
            f"Called POST /login with {name}. Got WWW-Authenticate "
            f"{response.headers.get('www-authenticate')!r}, expected 'Bearer'"
        )
