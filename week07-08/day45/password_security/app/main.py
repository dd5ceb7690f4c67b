"""The app factory: settings in, routes and error answers wired, the engine made at startup."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.config import Settings
from app.database import Base, make_engine, make_session_factory
from app.routes import router
from app.security import PasswordHasher
from app.service import EmailTaken

SessionFactory = Callable[[], Session]


async def email_taken_handler(request: Request, error: Exception) -> JSONResponse:
    """409 {"detail": "A user with email ... already exists"}."""
    return JSONResponse(status_code=status.HTTP_409_CONFLICT, content={"detail": str(error)})


async def validation_error_handler(request: Request, error: Exception) -> JSONResponse:
    """422 in FastAPI's shape, minus each error's "input": a refused password is not echoed."""
    assert isinstance(error, RequestValidationError)
    details = [
        {key: value for key, value in item.items() if key != "input"} for item in error.errors()
    ]
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content={"detail": jsonable_encoder(details)},
    )


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Connect when the server starts, unless the caller handed in sessions (the tests do)."""
    if app.state.session_factory is not None:
        yield
        return
    engine = make_engine(app.state.settings)
    Base.metadata.create_all(engine)  # no migrations on this day: create missing tables
    app.state.session_factory = make_session_factory(engine)
    try:
        yield
    finally:
        app.state.session_factory = None
        engine.dispose()


def create_app(
    settings: Settings | None = None, session_factory: SessionFactory | None = None
) -> FastAPI:  # pragma: no mutate block (given)
    """The API for `settings` (default: read from the environment now)."""
    settings = settings if settings is not None else Settings()
    app = FastAPI(title="Day 45: password security", version="1.0.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.hasher = PasswordHasher(settings)
    app.state.session_factory = session_factory
    app.include_router(router)
    app.add_exception_handler(EmailTaken, email_taken_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    return app
