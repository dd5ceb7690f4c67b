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
from app.oauth2 import OAuth2Error, oauth2_error_handler
from app.passwords import PasswordHasher
from app.routes import admins, members, moderators, router, token_router
from app.security import Clock, utc_now
from app.service import EmailTaken, LastAdmin, NotFound

SessionFactory = Callable[[], Session]

# Domain errors, mapped to HTTP once, here: the service never imports FastAPI.
STATUS_OF: dict[type[Exception], int] = {
    EmailTaken: status.HTTP_409_CONFLICT,
    LastAdmin: status.HTTP_409_CONFLICT,
    NotFound: status.HTTP_404_NOT_FOUND,
}


async def domain_error_handler(request: Request, error: Exception) -> JSONResponse:
    """{"detail": <the error's message>} with the status STATUS_OF gives its type."""
    return JSONResponse(status_code=STATUS_OF[type(error)], content={"detail": str(error)})


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
    settings: Settings | None = None,
    session_factory: SessionFactory | None = None,
    clock: Clock = utc_now,
) -> FastAPI:
    """The API for `settings` (default: read from the environment now)."""
    settings = settings if settings is not None else Settings()
    app = FastAPI(title="Day 49: role-based access control", version="1.0.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.hasher = PasswordHasher(settings)
    app.state.session_factory = session_factory
    app.state.clock = clock
    for part in (router, token_router, members, moderators, admins):
        app.include_router(part)
    for error_type in STATUS_OF:
        app.add_exception_handler(error_type, domain_error_handler)
    app.add_exception_handler(OAuth2Error, oauth2_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    return app
