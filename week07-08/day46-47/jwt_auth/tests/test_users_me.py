"""Day 47: GET /users/me with a valid token, and the 401s around it."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.helpers import register_and_login

pytestmark = pytest.mark.day(47)


def test_users_me_answers_the_tokens_user(client: TestClient) -> None:
    register_and_login(client, "grace@example.com")
    user_id, token = register_and_login(client)
    response = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, (
        f"Called GET /users/me with a fresh login token. Got {response.status_code} {response.text}"
    )
    body = response.json()
    assert set(body) == {"id", "email", "created_at"}, f"Got the fields {sorted(body)}"
    assert (body["id"], body["email"]) == (user_id, "ada@example.com"), f"Got {body}"
    schema = client.get("/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert any(s.get("type") == "http" and s.get("scheme") == "bearer" for s in schemes.values()), (
        f"Got security schemes {schemes}, expected an HTTP bearer scheme (the Authorize button)"
    )
    assert schema["paths"]["/users/me"]["get"].get("security"), "GET /users/me declares no security"


def test_the_bearer_scheme_name_is_case_insensitive(client: TestClient) -> None:
    _, token = register_and_login(client)
    response = client.get("/users/me", headers={"Authorization": f"bearer {token}"})
    assert response.status_code == 200, f"Called with 'bearer <token>'. Got {response.status_code}"


@pytest.mark.hint("HTTPBearer(auto_error=False) gives None: raise your own 401 with the header.")
def test_no_token_is_401_not_authenticated_with_a_bearer_challenge(client: TestClient) -> None:
    register_and_login(client)
    response = client.get("/users/me")
    assert response.status_code == 401, (
        f"Called GET /users/me without a token. Got {response.status_code}"
    )
    assert response.json() == {"detail": "Not authenticated"}, f"Got {response.json()}"
    assert response.headers.get("www-authenticate") == "Bearer", (
        f"Got WWW-Authenticate {response.headers.get('www-authenticate')!r}, expected 'Bearer'"
    )


@pytest.mark.parametrize("header", ["Basic YWRhOnBhc3N3b3Jk", "Token abc", "Bearer", "Bearer "])
def test_another_scheme_or_an_empty_bearer_is_401_not_authenticated(
    client: TestClient, header: str
) -> None:
    register_and_login(client)
    response = client.get("/users/me", headers={"Authorization": header})
    assert response.status_code == 401, (
        f"Called with Authorization {header!r}. Got {response.status_code}"
    )
    assert response.headers.get("www-authenticate", "").startswith("Bearer")


def test_a_token_for_a_user_that_no_longer_exists_is_401(
    client: TestClient, db_session: Session
) -> None:
    user_id, token = register_and_login(client)
    db_session.execute(text("DELETE FROM users WHERE id = :id"), {"id": user_id})
    db_session.flush()
    response = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, (
        f"Called GET /users/me with the token of a deleted user. Got {response.status_code}, "
        "expected 401: a valid signature is not enough, the user must still exist"
    )
    assert response.json() == {"detail": "Could not validate credentials"}
    assert response.headers.get("www-authenticate", "").startswith("Bearer")
