"""The FastAPI app. Run (schema first): alembic upgrade head; uvicorn app.main:app --reload"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.orm import Session

from app.database import make_engine, make_session_factory
from app.routes import posts

SessionFactory = Callable[[], Session]


def create_app(session_factory: SessionFactory | None = None) -> FastAPI:
    """Build the API; without a session factory, one is made from DATABASE_URL at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if session_factory is not None:
            yield
            return
        # Alembic owns the schema (alembic upgrade head): no create_all here.
        engine = make_engine()  # reads DATABASE_URL now, when the server starts
        app.state.session_factory = make_session_factory(engine)
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(title="Day 30: advanced queries", version="1.0.0", lifespan=lifespan)
    if session_factory is not None:
        app.state.session_factory = session_factory
    app.include_router(posts)
    return app


app = create_app()
