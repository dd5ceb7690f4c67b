"""Project root for pytest: puts this folder on sys.path and provides the clients."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from local_server import serve_in_thread
from main import create_app

EMAIL_DELAY_SECONDS = 0.3


@pytest.fixture
def client() -> Iterator[TestClient]:
    """A TestClient on a fresh app whose fake mailer takes EMAIL_DELAY_SECONDS."""
    with TestClient(create_app(EMAIL_DELAY_SECONDS)) as test_client:
        yield test_client


@pytest.fixture
def server_url() -> Iterator[str]:
    """A fresh app served by a real uvicorn on 127.0.0.1: it sends responses as a server does."""
    with serve_in_thread(create_app(EMAIL_DELAY_SECONDS)) as url:
        yield url
