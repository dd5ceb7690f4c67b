"""Shared by the day 48 tests: an account, the token request, and forged tokens for the attacks."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta
from typing import Any

import httpx2 as httpx  # what TestClient returns (Starlette 1.x prefers httpx2)
from fastapi.testclient import TestClient
from jose import jwt

from app.config import Settings

EMAIL = "ada@example.com"
PASSWORD = "correct horse battery staple"
DROP = object()  # a claim given this value is left out of the token


def register(client: TestClient, email: str = EMAIL, password: str = PASSWORD) -> int:
    """Create an account through POST /register (JSON); its id."""
    created = client.post("/register", json={"email": email, "password": password})
    assert created.status_code == 201, f"Called POST /register. Got {created.status_code}"
    return int(created.json()["id"])


def request_token(
    client: TestClient, username: str = EMAIL, password: str = PASSWORD, **fields: str
) -> httpx.Response:
    """POST /token with the form an OAuth2 client sends (grant_type=password), plus `fields`."""
    form = {"grant_type": "password", "username": username, "password": password, **fields}
    return client.post("/token", data=form)


def access_token(client: TestClient, username: str = EMAIL, password: str = PASSWORD) -> str:
    """The access token POST /token gives for these credentials (asserting a 200)."""
    response = request_token(client, username, password)
    assert response.status_code == 200, (
        f"Called POST /token with the right password. Got {response.status_code} {response.text}, "
        "expected 200"
    )
    return str(response.json()["access_token"])


def bearer(token: str) -> dict[str, str]:
    """The Authorization header that carries `token`."""
    return {"Authorization": f"Bearer {token}"}


def claims(settings: Settings, sub: object, now: datetime, **changes: object) -> dict[str, Any]:
    """The claims of a valid access token, with `changes` applied (DROP removes a claim)."""
    valid: dict[str, Any] = {
        "sub": sub,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=15)).timestamp()),
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "type": "access",
        "jti": "forged-0001",
    }
    valid.update(changes)
    return {key: value for key, value in valid.items() if value is not DROP}


def sign(payload: dict[str, Any], key: str, algorithm: str = "HS256") -> str:
    """A token signed by python-jose with any key and algorithm."""
    return jwt.encode(payload, key, algorithm=algorithm)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(payload: dict[str, Any]) -> str:
    """An `alg: none` token: a header and a payload, and no signature."""
    header = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{b64url(json.dumps(payload).encode())}."


def payload_of(token: str) -> dict[str, Any]:
    """The payload as anyone can read it: base64, no key needed (a JWT is not encrypted)."""
    part = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded
