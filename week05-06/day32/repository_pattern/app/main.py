"""The FastAPI app. Run: DATABASE_URL=$(make -s db-url 32) uvicorn app.main:app --reload"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.database import Base, make_engine, make_session_factory
from app.errors import EmailTaken
from app.routers import users

SessionFactory = Callable[[], Session]


async def email_taken_handler(request: Request, error: Exception) -> JSONResponse:
    """Answer 409 for a taken email, wherever in a request a repository detected it."""
    return JSONResponse(status_code=status.HTTP_409_CONFLICT, content={"detail": str(error)})


def create_app(session_factory: SessionFactory | None = None) -> FastAPI:
    """Build the API; without a session factory, one is made from DATABASE_URL at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if session_factory is not None:
            yield
            return
        engine = make_engine()  # reads DATABASE_URL now, when the server starts
        Base.metadata.create_all(engine)  # no Alembic in this day: create missing tables
        app.state.session_factory = make_session_factory(engine)
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(title="Day 32: repository pattern", version="1.0.0", lifespan=lifespan)
    if session_factory is not None:
        app.state.session_factory = session_factory
    app.include_router(users.router)
    app.add_exception_handler(EmailTaken, email_taken_handler)
    return app


app = create_app()
