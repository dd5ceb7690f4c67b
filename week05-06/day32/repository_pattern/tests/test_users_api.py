"""The /users API, run twice: on PostgreSQL and on InMemoryUserRepository.

Routes only validate, call the repository and answer, so swapping the repository
(one dependency override) must not change a single response.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.dependencies import get_user_repository
from app.main import create_app
from app.repositories import InMemoryUserRepository

pytestmark = pytest.mark.day(32)

ADA = {"email": "ada@example.com", "name": "Ada Lovelace"}
GRACE = {"email": "grace@example.com", "name": "Grace Hopper", "is_active": False}
ALAN = {"email": "alan@example.com", "name": "Alan Turing"}


@pytest.fixture(params=["postgresql", "in_memory"])
def api(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    """The journey's client on PostgreSQL, or the app on a fresh in-memory repository."""
    if request.param == "postgresql":
        yield request.getfixturevalue("client")
        return
    app = create_app()  # no database at all: the lifespan never runs without `with`
    fake = InMemoryUserRepository()
    app.dependency_overrides[get_user_repository] = lambda: fake
    yield TestClient(app)


def create(api: TestClient, body: dict[str, Any]) -> dict[str, Any]:
    response = api.post("/users", json=body)
    assert response.status_code == 201, f"Called POST /users. Got {response.status_code}, 201"
    created: dict[str, Any] = response.json()
    return created


def test_post_users_returns_201_with_the_user(api: TestClient) -> None:
    user = create(api, {"email": "Ada@Example.COM", "name": "Ada"})
    fields = {"id", "email", "name", "is_active", "created_at"}
    assert set(user) == fields, f"Called POST /users. Got fields {sorted(user)}, {sorted(fields)}"
    got = (user["email"], user["name"], user["is_active"])
    assert got == ("ada@example.com", "Ada", True), f"Called POST /users. Got {got}"


def test_post_users_with_a_taken_email_returns_409(api: TestClient) -> None:
    create(api, ADA)
    response = api.post("/users", json={"email": "ADA@example.com", "name": "Someone"})
    listed = [user["email"] for user in api.get("/users").json()]
    assert response.status_code == 409, f"Called POST /users twice. Got {response.status_code}"
    assert response.json() == {"detail": "A user with email ada@example.com already exists"}
    assert listed == [ADA["email"]], f"Called POST /users twice. Got users {listed}"


@pytest.mark.parametrize(
    "body", [{"email": "not-an-email", "name": "Ada"}, {"email": "ada@example.com", "name": " "}]
)
def test_post_users_with_an_invalid_body_returns_422(api: TestClient, body: dict[str, str]) -> None:
    response = api.post("/users", json=body)
    listed = api.get("/users").json()
    assert response.status_code == 422, f"Called POST /users {body}. Got {response.status_code}"
    assert listed == [], f"Called POST /users {body}. Got users {listed}, expected none"


def test_get_users_lists_in_id_order_pages_and_filters_active(api: TestClient) -> None:
    ids = [create(api, body)["id"] for body in (ADA, GRACE, ALAN)]
    everyone = [user["id"] for user in api.get("/users").json()]
    page = [user["id"] for user in api.get("/users?offset=1&limit=1").json()]
    active = [user["id"] for user in api.get("/users?active=true").json()]
    assert everyone == ids, f"Called GET /users. Got {everyone}, expected {ids}"
    assert page == ids[1:2], f"Called GET /users?offset=1&limit=1. Got {page}, {ids[1:2]}"
    assert active == [ids[0], ids[2]], f"Called GET /users?active=true. Got {active}"


def test_get_user_returns_200_or_404(api: TestClient) -> None:
    user = create(api, ADA)
    found = api.get(f"/users/{user['id']}")
    missing = api.get(f"/users/{user['id'] + 1000}")
    assert found.json() == user, f"Called GET /users/{{id}}. Got {found.json()}, {user}"
    assert missing.status_code == 404, f"Called GET on an unknown id. Got {missing.status_code}"
    assert missing.json() == {"detail": f"User {user['id'] + 1000} not found"}


@pytest.mark.parametrize("user_id", ["abc", "0", str(2**31)])
def test_ids_outside_postgres_integers_are_422(api: TestClient, user_id: str) -> None:
    response = api.get(f"/users/{user_id}")
    assert response.status_code == 422, f"Called GET /users/{user_id}. Got {response.status_code}"


def test_get_user_by_email_ignores_case_or_returns_404(api: TestClient) -> None:
    user = create(api, ADA)
    found = api.get("/users/by-email/ADA@example.com")
    missing = api.get("/users/by-email/nobody@example.com")
    assert found.json() == user, f"Called GET /users/by-email/ADA@... Got {found.json()}"
    assert missing.status_code == 404, f"Called GET by unknown email. Got {missing.status_code}"
    assert missing.json() == {"detail": "No user with email nobody@example.com"}


def test_delete_user_returns_204_then_404(api: TestClient) -> None:
    user = create(api, ADA)
    first = api.delete(f"/users/{user['id']}")
    second = api.delete(f"/users/{user['id']}")
    assert (first.status_code, first.content) == (204, b""), f"Got {first.status_code}, 204"
    assert second.status_code == 404, f"Called DELETE twice. Got {second.status_code}, 404"


def test_post_users_stores_a_row_in_postgresql(client: TestClient, db_session: Session) -> None:
    user = create(client, ADA)
    query = text("SELECT email, name FROM users WHERE id = :id")
    row = db_session.execute(query, {"id": user["id"]}).one_or_none()
    got = tuple(row) if row else None
    assert got == (ADA["email"], ADA["name"]), f"Called POST /users then SELECT. Got {got}"
