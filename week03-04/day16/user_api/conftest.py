"""Project root for pytest: puts this folder on sys.path and provides the client."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from main import create_app


@pytest.fixture
def client() -> Iterator[TestClient]:
    """A TestClient on a fresh app, so users created in one test never leak into another."""
    with TestClient(create_app()) as test_client:
        yield test_client
