"""Day 18: an async FastAPI app: async CRUD, a concurrency demo and an external API call."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

import external
import slow
import users
from config import Settings
from storage import UserStore


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; settings default to the environment (ASYNC_API_* variables)."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # One client for the app's life: it pools connections across requests.
        timeout = httpx.Timeout(settings.upstream_timeout_seconds)
        async with httpx.AsyncClient(
            base_url=settings.upstream_base_url, timeout=timeout
        ) as client:
            app.state.http_client = client
            yield

    app = FastAPI(
        title="Async API",  # pragma: no mutate (docs title)
        version="1.0.0",  # pragma: no mutate (docs version)
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = UserStore()
    app.include_router(users.router)
    app.include_router(slow.router)
    app.include_router(external.router)
    return app


app = create_app()
