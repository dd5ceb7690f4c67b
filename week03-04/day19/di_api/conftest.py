"""Project root for pytest: puts this folder on sys.path and provides the app and client."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from main import create_app


@pytest.fixture
def app() -> FastAPI:
    """A fresh app with an empty store; tests may set app.dependency_overrides on it."""
    return create_app()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A TestClient on the app."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def twelve_users(client: TestClient) -> None:
    """Create users 1 to 12 through the API (more than one default page of 10)."""
    for n in range(1, 13):
        client.post("/users", json={"name": f"User {n}", "email": f"u{n}@example.com", "age": 20})
