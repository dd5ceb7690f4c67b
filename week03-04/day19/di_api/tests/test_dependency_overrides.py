"""Day 19: dependency_overrides swaps a dependency for a test, without touching the routes."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from dependencies import Pagination, get_pagination, get_store, get_user_by_id
from models import User, UserCreate
from storage import UserStore

pytestmark = pytest.mark.day(19)


def test_overriding_the_store_serves_prepared_data(app: FastAPI, client: TestClient) -> None:
    prepared = UserStore()
    prepared.add(UserCreate(name="Seeded", email="seeded@example.com", age=50))
    app.dependency_overrides[get_store] = lambda: prepared
    names = [user["name"] for user in client.get("/users").json()["items"]]
    assert names == ["Seeded"], f"Called GET /users with a seeded store. Got {names}"


def test_overriding_pagination_changes_every_list_call(app: FastAPI, client: TestClient) -> None:
    for n in range(3):
        client.post("/users", json={"name": f"U{n}", "email": f"u{n}@example.com", "age": 20})
    app.dependency_overrides[get_pagination] = lambda: Pagination(skip=1, limit=1)
    page = client.get("/users", params={"limit": 50}).json()
    got = ([user["id"] for user in page["items"]], page["limit"])
    assert got == ([2], 1), f"Called GET /users with pagination overridden. Got {got}"


def test_overriding_get_user_by_id_feeds_routes_a_user_the_store_lacks(
    app: FastAPI, client: TestClient
) -> None:
    ghost = User(id=123, name="Ghost", email="ghost@example.com", age=99)
    app.dependency_overrides[get_user_by_id] = lambda: ghost
    body = client.get("/users/123").json()
    assert body == ghost.model_dump(), f"Called GET /users/123 with an override. Got {body}"


def test_clearing_overrides_restores_the_real_dependencies(
    app: FastAPI, client: TestClient
) -> None:
    app.dependency_overrides[get_user_by_id] = lambda: None
    app.dependency_overrides.clear()
    status_code = client.get("/users/123").status_code
    assert status_code == 404, f"Called GET /users/123 after clear(). Got {status_code}"
