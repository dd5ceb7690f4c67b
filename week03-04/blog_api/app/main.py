"""The app factory: the FastAPI app, its error handlers, and the database resources its
lifespan opens and closes."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from app.config import Settings
from app.database import Sessions, make_engine
from app.http_errors import LimitBodySize, register_error_handlers
from app.openapi import build_openapi
from app.passwords import PasswordHasher
from app.routers import comments, posts, users

# The largest valid body is a post: 200 + 20,000 characters, each at most 12 bytes of JSON
# (a \uXXXX\uXXXX surrogate pair), so about 242,000 bytes. Nothing valid is refused.
MAX_BODY_BYTES = 256 * 1024


class BlogAPI(FastAPI):
    """FastAPI whose OpenAPI document (/docs, /openapi.json) is built by app.openapi."""

    def openapi(self) -> dict[str, Any]:
        """The document, built on the first call and cached (see build_openapi)."""
        return build_openapi(self)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. Nothing is read or connected here: the lifespan reads the settings
    (`settings`, else the environment), makes the engine on the event loop that will use it,
    and disposes of it at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Open the engine, its session factories and the password hasher; close the pool."""
        config = settings or Settings()
        engine = make_engine(config)
        app.state.settings = config
        app.state.engine = engine
        app.state.sessions = Sessions.on(engine)
        app.state.passwords = PasswordHasher(config.bcrypt_rounds)
        try:
            yield
        finally:
            await engine.dispose()

    app = BlogAPI(
        title="Blog API",
        version="1.0.0",
        summary="Users, posts and comments on PostgreSQL.",
        lifespan=lifespan,
    )
    app.add_middleware(LimitBodySize, max_bytes=MAX_BODY_BYTES)
    register_error_handlers(app)
    app.include_router(users.router)
    app.include_router(posts.router)
    app.include_router(comments.router)
    return app


app = create_app()
