"""Project root for pytest: puts this folder on sys.path and provides the client."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from main import create_app


@pytest.fixture
def client() -> Iterator[TestClient]:
    """A TestClient on a fresh app with an empty store."""
    with TestClient(create_app()) as test_client:
        yield test_client


@pytest.fixture
def ada(client: TestClient) -> dict[str, object]:
    """A user already created through the API (id 1)."""
    response = client.post("/users", json={"name": "Ada", "email": "ada@example.com", "age": 36})
    body: dict[str, object] = response.json()
    return body
