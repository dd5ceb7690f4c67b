"""The app factory: settings in, routers and error answers wired, the engine made at startup."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.config import Settings
from app.database import make_engine, make_session_factory
from app.oauth2 import OAuth2Error, oauth2_error_handler
from app.passwords import PasswordHasher
from app.permissions import LockoutRefused, NotGranted, UnknownPermission
from app.routers import admin, auth, posts
from app.security import Clock, utc_now
from app.service import EmailTaken, NotFound, SelfChangeRefused

SessionFactory = Callable[[], Session]

# Domain errors, mapped to HTTP once, here.
STATUS_OF: dict[type[Exception], int] = {
    NotFound: status.HTTP_404_NOT_FOUND,
    UnknownPermission: status.HTTP_404_NOT_FOUND,
    NotGranted: status.HTTP_404_NOT_FOUND,
    EmailTaken: status.HTTP_409_CONFLICT,
    LockoutRefused: status.HTTP_409_CONFLICT,
    SelfChangeRefused: status.HTTP_409_CONFLICT,
}


async def domain_error_handler(request: Request, error: Exception) -> JSONResponse:
    """{"detail": message} with the status STATUS_OF gives the error's type."""
    code = next(code for kind, code in STATUS_OF.items() if isinstance(error, kind))
    return JSONResponse(status_code=code, content={"detail": str(error)})


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
    """Connect when the server starts, unless the caller handed in sessions (the tests do).

    The schema is Alembic's: run `alembic upgrade head` before serving (make run does).
    """
    if app.state.session_factory is not None:
        yield
        return
    settings: Settings = app.state.settings
    url = settings.database_url.get_secret_value() if settings.database_url else None
    engine = make_engine(url)
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
    app = FastAPI(title="Days 51-52: permissions", version="1.0.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.hasher = PasswordHasher(settings)
    app.state.session_factory = session_factory
    app.state.clock = clock
    for module in (auth, posts, admin):
        app.include_router(module.router)
    for kind in STATUS_OF:
        app.add_exception_handler(kind, domain_error_handler)
    app.add_exception_handler(OAuth2Error, oauth2_error_handler)
    app.add_exception_handler(RequestValidationError, validation_error_handler)
    return app
