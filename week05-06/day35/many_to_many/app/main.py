"""The FastAPI app. Run (schema first): alembic upgrade head; uvicorn app.main:app --reload"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.crud import PostNotFound, TagExists, TagNotFound
from app.database import make_engine, make_session_factory
from app.routes import posts, tags

SessionFactory = Callable[[], Session]


def error_handler(status_code: int) -> Callable[[Request, Exception], JSONResponse]:
    """A handler that answers `status_code` with the domain error's message as detail."""

    def handle(request: Request, error: Exception) -> JSONResponse:
        return JSONResponse(status_code=status_code, content={"detail": str(error)})

    return handle


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

    app = FastAPI(title="Day 35: posts and tags", version="1.0.0", lifespan=lifespan)
    if session_factory is not None:
        app.state.session_factory = session_factory
    app.include_router(posts)
    app.include_router(tags)
    app.add_exception_handler(PostNotFound, error_handler(status.HTTP_404_NOT_FOUND))
    app.add_exception_handler(TagNotFound, error_handler(status.HTTP_404_NOT_FOUND))
    app.add_exception_handler(TagExists, error_handler(status.HTTP_409_CONFLICT))
    return app


app = create_app()
