"""The users CRUD over HTTP, each test inside a PostgreSQL transaction rolled back afterwards."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.day(23)

ADA = {"email": "ada@example.com", "name": "Ada Lovelace"}
ALAN = {"email": "alan@example.com", "name": "Alan Turing"}


def create(client: TestClient, body: dict[str, str]) -> dict[str, Any]:
    """POST /users and return the created user, failing loudly if it was not created."""
    response = client.post("/users", json=body)
    assert response.status_code == 201, f"Called POST /users. Got {response.status_code}, 201"
    created: dict[str, Any] = response.json()
    return created


def test_post_users_returns_201_with_id_and_created_at(client: TestClient) -> None:
    user = create(client, ADA)
    assert set(user) == {"id", "email", "name", "created_at"}, f"Got fields {sorted(user)}"
    assert (user["email"], user["name"]) == (ADA["email"], ADA["name"]), f"Got {user}"


def test_post_users_inserts_a_row_in_postgres(client: TestClient, db_session: Session) -> None:
    user = create(client, ADA)
    row = db_session.execute(text("SELECT email FROM users WHERE id = :id"), {"id": user["id"]})
    email = row.scalar_one_or_none()
    assert email == ADA["email"], f"Called POST /users then SELECT. Got {email!r}, {ADA['email']}"


def test_emails_are_stored_in_lower_case(client: TestClient) -> None:
    user = create(client, {"email": "Ada@Example.COM", "name": "Ada"})
    assert user["email"] == "ada@example.com", f"Got {user['email']!r}, expected lower case"


def test_post_users_with_a_taken_email_returns_409(client: TestClient) -> None:
    create(client, ADA)
    response = client.post("/users", json={"email": "ADA@example.com", "name": "Someone else"})
    assert response.status_code == 409, f"Called POST /users twice. Got {response.status_code}"
    assert "ada@example.com" in response.json()["detail"], f"Got {response.json()}"


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email", "name": "Ada"},
        {"email": "ada@example.com", "name": "   "},
        {"email": "ada@example.com"},
        {"email": "ada@example.com", "name": "x" * 101},
    ],
)
def test_post_users_with_invalid_body_returns_422_and_stores_nothing(
    client: TestClient, body: dict[str, str]
) -> None:
    alan = create(client, ALAN)
    response = client.post("/users", json=body)
    listed = [user["email"] for user in client.get("/users").json()]
    assert response.status_code == 422, f"Called POST /users {body}. Got {response.status_code}"
    assert listed == [alan["email"]], f"Called POST /users {body}. Got users {listed}"


def test_get_users_lists_everyone_in_id_order_and_pages(client: TestClient) -> None:
    grace = {"email": "grace@example.org", "name": "Grace Hopper"}
    ids = [create(client, body)["id"] for body in (ADA, ALAN, grace)]
    # An updated row moves to the end of the table: only ORDER BY id keeps id order.
    client.put(f"/users/{ids[0]}", json={**ADA, "name": "Augusta Ada King"})
    everyone = [user["id"] for user in client.get("/users").json()]
    second_page = [user["id"] for user in client.get("/users?skip=1&limit=1").json()]
    assert everyone == ids, f"Called GET /users. Got {everyone}, expected {ids}"
    assert second_page == ids[1:2], f"Called GET /users?skip=1&limit=1. Got {second_page}"


def test_list_users_defaults_to_the_first_100(db_session: Session) -> None:
    from app import crud
    from app.schemas import UserCreate

    for n in range(101):
        crud.create_user(db_session, UserCreate(email=f"user{n}@example.com", name=f"User {n}"))
    page = crud.list_users(db_session)
    got = (len(page), page[0].email)
    assert got == (100, "user0@example.com"), (
        f"Called list_users(db) with 101 users. Got (count, first email) {got}, "
        "expected (100, 'user0@example.com'): skip=0, limit=100"
    )


def test_get_user_returns_200_or_404(client: TestClient) -> None:
    user = create(client, ADA)
    found = client.get(f"/users/{user['id']}")
    missing = client.get(f"/users/{user['id'] + 1000}")
    assert found.json() == user, f"Called GET /users/{{id}}. Got {found.json()}, expected {user}"
    assert missing.status_code == 404, f"Called GET on an unknown id. Got {missing.status_code}"
    assert missing.json() == {"detail": f"User {user['id'] + 1000} not found"}


@pytest.mark.parametrize("user_id", ["abc", "0", str(2**31)])
def test_ids_outside_postgres_integers_are_422_not_500(client: TestClient, user_id: str) -> None:
    response = client.get(f"/users/{user_id}")
    largest = client.get(f"/users/{2**31 - 1}")  # the largest INTEGER is looked up: a 404
    assert response.status_code == 422, f"Called GET /users/{user_id}. Got {response.status_code}"
    assert largest.status_code == 404, f"Called GET /users/{2**31 - 1}. Got {largest.status_code}"


def test_put_user_replaces_fields_and_persists(client: TestClient, db_session: Session) -> None:
    user = create(client, ADA)
    response = client.put(f"/users/{user['id']}", json=ALAN)
    query = text("SELECT email, name FROM users WHERE id = :id")
    stored = db_session.execute(query, {"id": user["id"]})
    got = tuple(stored.one())
    assert response.status_code == 200, f"Called PUT /users/{{id}}. Got {response.status_code}"
    assert got == (ALAN["email"], ALAN["name"]), f"Called PUT then SELECT. Got {got}"


def test_put_user_keeping_its_own_email_is_not_a_conflict(client: TestClient) -> None:
    user = create(client, ADA)
    response = client.put(f"/users/{user['id']}", json={**ADA, "name": "Augusta Ada King"})
    assert response.status_code == 200, f"Called PUT with own email. Got {response.status_code}"


def test_put_user_with_another_users_email_returns_409_and_changes_nothing(
    client: TestClient,
) -> None:
    create(client, ADA)
    alan = create(client, ALAN)
    response = client.put(f"/users/{alan['id']}", json={**ALAN, "email": ADA["email"]})
    after = client.get(f"/users/{alan['id']}").json()
    assert response.status_code == 409, f"Called PUT with a taken email. Got {response.status_code}"
    assert "ada@example.com" in response.json()["detail"], f"Got {response.json()}"
    assert after == alan, f"Called PUT with a taken email. Got {after}, expected {alan} unchanged"


def test_put_missing_user_returns_404(client: TestClient) -> None:
    response = client.put("/users/424242", json=ADA)
    assert response.status_code == 404, f"Called PUT /users/424242. Got {response.status_code}"


def test_delete_user_returns_204_then_404(client: TestClient, db_session: Session) -> None:
    user = create(client, ADA)
    first = client.delete(f"/users/{user['id']}")
    second = client.delete(f"/users/{user['id']}")
    rows = db_session.execute(text("SELECT count(*) FROM users")).scalar_one()
    assert (first.status_code, first.content) == (204, b""), f"Got {first.status_code}, 204"
    assert second.status_code == 404, f"Called DELETE twice. Got {second.status_code}, 404"
    assert rows == 0, f"Called DELETE then count(*). Got {rows}, expected 0"
