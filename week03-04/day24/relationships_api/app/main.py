"""The FastAPI app. Run: DATABASE_URL=$(make -s db-url 24) uvicorn app.main:app --reload"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.crud import EmailTaken, UserNotFound
from app.database import Base, make_engine, make_session_factory
from app.routes import posts, users

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
        engine = make_engine()  # reads DATABASE_URL now, when the server starts
        Base.metadata.create_all(engine)  # no Alembic yet: create missing tables
        app.state.session_factory = make_session_factory(engine)
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(title="Day 24: users and posts", version="1.0.0", lifespan=lifespan)
    if session_factory is not None:
        app.state.session_factory = session_factory
    app.include_router(users)
    app.include_router(posts)
    app.add_exception_handler(EmailTaken, error_handler(status.HTTP_409_CONFLICT))
    app.add_exception_handler(UserNotFound, error_handler(status.HTTP_404_NOT_FOUND))
    return app


app = create_app()
