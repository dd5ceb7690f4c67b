"""The HTTP edge: routes call the service, domain errors come back as 404, 409 and 422."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.day(33)

USER_FIELDS = {"id", "email", "username", "full_name", "age", "is_active", "created_at"}


def post_user(client: TestClient, email: str, age: int = 36) -> Any:
    return client.post("/users", json={"email": email, "full_name": "Ada Lovelace", "age": age})


def count_users(db: Session) -> int:
    return int(db.scalar(text("SELECT count(*) FROM users")) or 0)


def test_post_users_creates_the_user_with_a_generated_username(
    client: TestClient, db_session: Session
) -> None:
    response = post_user(client, "Ada.Lovelace@example.com")
    assert response.status_code == 201, f"Called POST /users. Got {response.status_code}, 201"
    body = response.json()
    assert set(body) == USER_FIELDS, f"Called POST /users. Got fields {sorted(body)}"
    got = (body["email"], body["username"], body["is_active"])
    assert got == ("ada.lovelace@example.com", "ada_lovelace", True), f"Got {got}"
    row = db_session.execute(text("SELECT username FROM users WHERE id = :id"), body).one()
    assert row.username == "ada_lovelace", f"Called POST /users. Stored {row.username!r}"


def test_post_users_with_a_taken_email_is_409_and_stores_nothing(
    client: TestClient, db_session: Session
) -> None:
    assert post_user(client, "ada@example.com").status_code == 201
    response = post_user(client, "ADA@example.com")
    expected = {"detail": "A user with email ada@example.com already exists"}
    assert (response.status_code, response.json()) == (409, expected), (
        f"Called POST /users twice. Got {response.status_code} {response.json()}, 409 {expected}"
    )
    assert count_users(db_session) == 1, "Called POST /users twice. Got two users stored"


def test_post_users_with_an_age_under_13_is_422_and_stores_nothing(
    client: TestClient, db_session: Session
) -> None:
    response = post_user(client, "kid@example.com", age=12)
    expected = {"detail": "Age must be between 13 and 120, got 12"}
    assert (response.status_code, response.json()) == (422, expected), (
        f"Called POST /users with age 12. Got {response.status_code} {response.json()}, 422"
    )
    assert count_users(db_session) == 0, "Called POST /users with age 12. Got a user stored"


def test_get_user_returns_the_user_and_their_posts_in_id_order(
    client: TestClient, db_session: Session
) -> None:
    user_id = post_user(client, "ada@example.com").json()["id"]
    db_session.execute(
        text(
            "INSERT INTO posts (user_id, title, content) VALUES (:u, 'First', 'a'), (:u, 'Two', '')"
        ),
        {"u": user_id},
    )
    db_session.commit()  # the request's unit of work rolls back whatever is uncommitted
    response = client.get(f"/users/{user_id}")
    assert response.status_code == 200, f"Called GET /users/{user_id}. Got {response.status_code}"
    body = response.json()
    titles = [post["title"] for post in body["posts"]]
    assert set(body) == USER_FIELDS | {"posts"}, f"Called GET /users/id. Got {sorted(body)}"
    assert titles == ["First", "Two"], f"Called GET /users/{user_id}. Got {titles}, First, Two"
    assert set(body["posts"][0]) == {"id", "title", "content"}, "Got wrong post fields"


def test_get_an_unknown_user_is_404_and_an_id_out_of_range_422(client: TestClient) -> None:
    response = client.get("/users/2147483647")
    expected = {"detail": "User 2147483647 not found"}
    assert (response.status_code, response.json()) == (404, expected), (
        f"Called GET /users/2147483647. Got {response.status_code} {response.json()}, 404"
    )
    for bad in ("0", "2147483648", "abc"):
        got = client.get(f"/users/{bad}").status_code
        assert got == 422, f"Called GET /users/{bad}. Got {got}, expected 422"


def test_deactivate_marks_the_user_inactive_then_answers_409(
    client: TestClient, db_session: Session
) -> None:
    user_id = post_user(client, "ada@example.com").json()["id"]
    first = client.post(f"/users/{user_id}/deactivate")
    assert (first.status_code, first.json()["is_active"]) == (200, False), (
        f"Called POST /users/{user_id}/deactivate. Got {first.status_code} {first.json()}"
    )
    stored = db_session.scalar(text("SELECT is_active FROM users WHERE id = :id"), {"id": user_id})
    assert stored is False, f"Called deactivate. Got is_active={stored} stored, expected False"
    second = client.post(f"/users/{user_id}/deactivate")
    expected = {"detail": f"User {user_id} is already inactive"}
    assert (second.status_code, second.json()) == (409, expected), (
        f"Called deactivate twice. Got {second.status_code} {second.json()}, 409 {expected}"
    )


def test_deactivate_an_unknown_user_is_404(client: TestClient) -> None:
    response = client.post("/users/999/deactivate")
    expected = {"detail": "User 999 not found"}
    assert (response.status_code, response.json()) == (404, expected), (
        f"Called POST /users/999/deactivate. Got {response.status_code} {response.json()}, 404"
    )
