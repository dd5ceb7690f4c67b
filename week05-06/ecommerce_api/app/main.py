"""The app factory: the app, its one engine (made in the lifespan) and its error handling.

`app = create_app()` below neither connects nor reads the environment: settings are read
and the engine is made when the server starts (the lifespan), so importing is free.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import text

from app.config import Settings
from app.database import make_engine, make_session_factory
from app.dependencies import SessionDep
from app.http_errors import register_error_handlers
from app.routers import cart, categories, inventory, orders, products, reports, reviews, users
from app.routers.docs import responses

DESCRIPTION = """
An online shop's backend: catalog, orders, inventory, reviews, cart and analytics.

Authenticate with `Authorization: Bearer <token>`: `POST /users` answers a customer's
token once. Money is always a string with two decimals. Every error answers
`{"code", "detail", "errors"}`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; `settings` default to the environment's, read at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Read the settings and make the engine on startup; close its pool on shutdown."""
        current = settings or Settings()
        engine = make_engine(current)
        app.state.settings = current
        app.state.max_body_bytes = current.max_body_bytes
        app.state.engine = engine
        app.state.session_factory = make_session_factory(engine)
        try:
            yield
        finally:
            await engine.dispose()

    app = FastAPI(
        title="E-commerce API",
        version="1.0.0",
        summary="Catalog, orders, inventory, reviews, cart and analytics on PostgreSQL.",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.max_body_bytes = (settings or Settings.model_construct()).max_body_bytes
    register_error_handlers(app)
    for module in (users, categories, products, orders, inventory, reviews, cart, reports):
        app.include_router(module.router)

    @app.get("/health", tags=["health"], responses=responses(), summary="Health check")
    async def health(session: SessionDep) -> dict[str, str]:
        """200 when the database answers; 503 with Retry-After when it does not."""
        await session.execute(text("SELECT 1"))
        return {"status": "ok"}

    return app


app = create_app()
