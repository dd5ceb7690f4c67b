"""Project root for pytest: the app's clients and a local stand-in for JSONPlaceholder."""

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient

from config import Settings
from local_server import serve_in_thread
from main import create_app

SLOW_SECONDS = 0.2
POSTS = {n: {"userId": 1, "id": n, "title": f"post {n}", "body": "..."} for n in (1, 2, 3)}


def fake_jsonplaceholder() -> FastAPI:
    """An upstream with posts 1-3; post 500 makes it fail with a 500, others are 404."""
    upstream = FastAPI()

    @upstream.get("/posts/{post_id}")
    async def post(post_id: int) -> dict[str, Any]:
        if post_id == 500:
            raise HTTPException(500, detail="upstream exploded")
        if post_id not in POSTS:
            raise HTTPException(404)
        return POSTS[post_id]

    return upstream


@pytest.fixture(scope="session")
def upstream_url() -> Iterator[str]:
    """The base URL of the stand-in upstream, served by a real uvicorn for the session."""
    with serve_in_thread(fake_jsonplaceholder()) as url:
        yield url


@pytest.fixture
def settings(upstream_url: str) -> Settings:
    """Settings pointing at the stand-in, with short sleeps."""
    return Settings(upstream_base_url=upstream_url, slow_seconds=SLOW_SECONDS)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    """A TestClient on a fresh app (the with-block runs the lifespan)."""
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest_asyncio.fixture
async def async_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """An AsyncClient calling the app in-process, so requests can be gathered concurrently."""
    app = create_app(settings)
    # ASGITransport does not run the lifespan: enter it by hand so app.state is complete.
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app") as client:
            yield client
