"""Project root for pytest: puts this folder on sys.path and provides the client."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from main import app


@pytest.fixture
def client() -> Iterator[TestClient]:
    """A TestClient on the app; nothing is stored, so one app serves every test."""
    with TestClient(app) as test_client:
        yield test_client
