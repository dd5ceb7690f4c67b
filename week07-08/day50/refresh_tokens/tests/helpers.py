"""Shared steps of the day-50 tests, all through the API (the way a client would)."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx2 as httpx  # what TestClient returns (Starlette 1.x prefers httpx2)
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

PASSWORD = "correct horse battery staple"


def register(client: TestClient, email: str = "ada@example.com") -> int:
    """A new user's id."""
    response = client.post("/register", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, f"Called POST /register. Got {response.status_code}"
    return int(response.json()["id"])


def login(client: TestClient, email: str = "ada@example.com") -> dict[str, Any]:
    """The body of a successful POST /token (form: username, password)."""
    response = client.post("/token", data={"username": email, "password": PASSWORD})
    assert response.status_code == 200, (
        f"Called POST /token with the right password. Got {response.status_code} {response.text}"
    )
    body: dict[str, Any] = response.json()
    return body


def refresh(client: TestClient, refresh_token: str) -> httpx.Response:
    """POST /token/refresh with the token in a JSON body."""
    return client.post("/token/refresh", json={"refresh_token": refresh_token})


def refreshed(client: TestClient, refresh_token: str) -> dict[str, Any]:
    """The body of a refresh that must succeed."""
    response = refresh(client, refresh_token)
    assert response.status_code == 200, (
        f"Called POST /token/refresh with a fresh refresh token. Got {response.status_code} "
        f"{response.text}, expected 200 and a new pair"
    )
    body: dict[str, Any] = response.json()
    return body


def me(client: TestClient, access_token: str) -> httpx.Response:
    """GET /users/me with the access token as a bearer token."""
    return client.get("/users/me", headers={"Authorization": f"Bearer {access_token}"})


def assert_refused_refresh(response: httpx.Response, what: str) -> None:
    """A refresh refused the OAuth2 way: 400 invalid_grant, no tokens."""
    assert response.status_code == 400 and response.json().get("error") == "invalid_grant", (
        f"Called POST /token/refresh with {what}. Got {response.status_code} {response.text}, "
        'expected 400 {"error": "invalid_grant", ...}'
    )


def assert_refused_access(response: httpx.Response, what: str) -> None:
    """A bearer token refused: 401 with a Bearer challenge."""
    challenge = response.headers.get("WWW-Authenticate", "")
    assert response.status_code == 401 and challenge.startswith("Bearer"), (
        f"Called GET /users/me with {what}. Got {response.status_code}, WWW-Authenticate "
        f"{challenge!r}, expected 401 with a Bearer challenge"
    )


def payload_of(token: str) -> dict[str, Any]:
    """A JWT's payload as anyone can read it: base64, no key needed."""
    part = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded


def family_of(db: Session, access_token: str) -> dict[str, Any]:
    """The token_families row of the session an access token names (its sid)."""
    row = db.execute(
        text("SELECT * FROM token_families WHERE id = CAST(:sid AS uuid)"),
        {"sid": payload_of(access_token)["sid"]},
    ).one()
    return dict(row._mapping)
