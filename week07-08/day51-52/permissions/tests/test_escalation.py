"""Day 52: the ways to grant oneself more than one's role, and why each one fails."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from jose import jwt

from app.config import Settings
from tests.helpers import PASSWORD, World, bearer

pytestmark = pytest.mark.day(52)


def test_permission_claims_in_a_token_are_ignored(
    client: TestClient, settings: Settings, world: World
) -> None:
    login = client.post("/token", data={"username": "user@example.com", "password": PASSWORD})
    claims = jwt.get_unverified_claims(login.json()["access_token"])
    leaked = {"role", "roles", "permissions", "scope", "scopes"} & set(claims)
    assert not leaked, f"Read the access token. Got the claims {sorted(leaked)}: keep them out"
    # Even a token the server signed, claiming admin rights, grants nothing: the role is read
    # from the database.
    now = datetime.now(UTC)
    forged = jwt.encode(
        {
            "sub": str(world.users["user"]),
            "iat": int(now.timestamp()),
            "exp": int((now + timedelta(minutes=5)).timestamp()),
            "iss": settings.jwt_issuer,
            "aud": settings.jwt_audience,
            "type": "access",
            "role": "admin",
            "permissions": ["manage:users", "manage:permissions"],
            "scope": "manage:users manage:permissions",
        },
        settings.jwt_secret_key.get_secret_value(),
        algorithm="HS256",
    )
    response = client.get("/admin/users", headers=bearer(forged))
    assert response.status_code == 403, (
        f"Called GET /admin/users with a token claiming role admin and manage:users. Got "
        f"{response.status_code}, expected 403"
    )


def test_registration_cannot_choose_a_role(client: TestClient, world: World) -> None:
    body = {"email": "eve@example.com", "password": "a long enough password", "role": "admin"}
    response = client.post("/register", json=body)
    assert response.status_code == 422, (
        f"Called POST /register with 'role': 'admin'. Got {response.status_code}, expected 422"
    )
    body.pop("role")
    created = client.post("/register", json=body)
    assert created.status_code == 201 and created.json()["role"] == "user"
    login = client.post("/token", data={"username": body["email"], "password": body["password"]})
    token = login.json()["access_token"]
    got = client.get("/admin/users", headers=bearer(token)).status_code
    assert got == 403, f"A new account called GET /admin/users. Got {got}, expected 403"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PATCH", "/admin/users/{me}", {"role": "admin"}),
        ("PUT", "/admin/roles/moderator/permissions/manage:users", None),
        ("PUT", "/admin/roles/moderator/permissions/manage:permissions", None),
    ],
    ids=["promote-self", "grant-manage-users", "grant-manage-permissions"],
)
def test_a_moderator_cannot_raise_their_own_rights(
    client: TestClient, world: World, method: str, path: str, body: dict[str, str] | None
) -> None:
    url = path.format(me=world.users["moderator"])
    response = client.request(method, url, json=body, headers=world.headers("moderator"))
    me = client.get("/users/me", headers=world.headers("moderator")).json()
    assert response.status_code == 403, (
        f"Called {method} {url} as a moderator. Got {response.status_code}, expected 403"
    )
    assert me["role"] == "moderator" and "manage:users" not in me["permissions"]
