"""Forging tokens for the attack tests, with python-jose directly (not with the code under test)."""

from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from jose import jwt

from app.config import Settings

PASSWORD = "correct horse battery staple"
DROP = object()  # a claim given this value is left out of the token


def register_and_login(
    client: TestClient, email: str = "ada@example.com", password: str = PASSWORD
) -> tuple[int, str]:
    """(user id, access token) of a new user, through the API."""
    created = client.post("/register", json={"email": email, "password": password})
    assert created.status_code == 201, f"Called POST /register. Got {created.status_code}"
    response = client.post("/login", json={"email": email, "password": password})
    assert response.status_code == 200, (
        f"Called POST /login with the right password. Got {response.status_code} {response.text}"
    )
    return int(created.json()["id"]), str(response.json()["access_token"])


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


def unsigned(payload: dict[str, Any], signature: str = "") -> str:
    """An `alg: none` token: a header and a payload, and no (or a junk) signature."""
    header = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{b64url(json.dumps(payload).encode())}.{signature}"


def payload_of(token: str) -> dict[str, Any]:
    """The payload as anyone can read it: base64, no key needed (a JWT is not encrypted)."""
    part = token.split(".")[1]
    decoded: dict[str, Any] = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    return decoded
