"""The app factory: the configuration decides what is built, and a bad one stops it here."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.config import Settings, check_production_ready, load_settings
from app.database import make_engine, make_session_factory
from app.routes import router

logger = logging.getLogger("app")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Connect to the configured database when the server starts; let go when it stops."""
    settings: Settings = app.state.settings
    engine = make_engine(settings)
    app.state.session_factory = make_session_factory(engine)
    logger.info("database: %s", settings.database_url_masked)
    try:
        yield
    finally:
        engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for `settings` (default: load_settings()); ConfigError if prod is unsafe."""
    settings = settings if settings is not None else load_settings()
    check_production_ready(settings)
    docs = settings.docs_enabled
    app = FastAPI(
        title=settings.app_name,
        debug=settings.debug,
        docs_url="/docs" if docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.include_router(router)
    # SecretStr keeps both secrets out of this line: repr shows '**********'.
    logger.info("%s: %s profile, settings %r", settings.app_name, settings.environment, settings)
    return app
