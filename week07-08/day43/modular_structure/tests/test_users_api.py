"""The users module over HTTP: register, read, and the errors its service raises."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.day(43)


def register(client: TestClient, email: str = "ada@example.com") -> Any:
    return client.post("/users", json={"email": email, "full_name": "Ada Lovelace"})


def test_post_users_stores_the_user_with_the_email_in_lower_case(
    client: TestClient, db_session: Session
) -> None:
    response = register(client, "Ada@Example.COM")
    assert response.status_code == 201, f"Called POST /users. Got {response.status_code}, 201"
    body = response.json()
    assert set(body) == {"id", "email", "full_name", "created_at"}, f"Got fields {sorted(body)}"
    stored = db_session.scalar(text("SELECT email FROM users WHERE id = :id"), body)
    assert stored == "ada@example.com", f"Called POST /users. Stored {stored!r}, expected lower"


def test_post_users_with_a_registered_email_is_409_and_stores_nothing_more(
    client: TestClient, db_session: Session
) -> None:
    assert register(client).status_code == 201
    response = register(client, "ADA@example.com")
    expected = {"detail": "A user with email ada@example.com already exists"}
    assert (response.status_code, response.json()) == (409, expected), (
        f"Called POST /users twice. Got {response.status_code} {response.json()}, 409 {expected}"
    )
    count = db_session.scalar(text("SELECT count(*) FROM users"))
    assert count == 1, f"Called POST /users twice with one email. Got {count} users stored"


def test_get_user_is_200_then_404_for_an_unknown_id_and_422_out_of_range(
    client: TestClient,
) -> None:
    user_id = register(client).json()["id"]
    response = client.get(f"/users/{user_id}")
    assert (response.status_code, response.json()["email"]) == (200, "ada@example.com"), (
        f"Called GET /users/{user_id}. Got {response.status_code} {response.json()}"
    )
    missing = client.get("/users/2147483647")
    expected = {"detail": "User 2147483647 not found"}
    assert (missing.status_code, missing.json()) == (404, expected), (
        f"Called GET /users/2147483647. Got {missing.status_code} {missing.json()}, 404"
    )
    for bad in ("0", "2147483648", "abc"):
        got = client.get(f"/users/{bad}").status_code
        assert got == 422, f"Called GET /users/{bad}. Got {got}, expected 422"
