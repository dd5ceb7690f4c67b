"""The web edge: builds the app and maps each domain error to HTTP, in this one place.

Run: DATABASE_URL=$(make -s db-url 33) uvicorn app.main:app --reload
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.database import Base, make_engine, make_session_factory
from app.routes import router
from app.services.errors import (
    DomainError,
    EmailTaken,
    InvalidAge,
    UserAlreadyInactive,
    UsernameTaken,
    UserNotFound,
)

SessionFactory = Callable[[], Session]

# The services say what went wrong; only this table knows what HTTP calls it.
HTTP_STATUS: dict[type[DomainError], int] = {
    UserNotFound: status.HTTP_404_NOT_FOUND,
    EmailTaken: status.HTTP_409_CONFLICT,
    UsernameTaken: status.HTTP_409_CONFLICT,
    UserAlreadyInactive: status.HTTP_409_CONFLICT,
    InvalidAge: status.HTTP_422_UNPROCESSABLE_CONTENT,
}


async def domain_error_handler(request: Request, error: Exception) -> JSONResponse:
    """Answer a domain error with its status from HTTP_STATUS and {"detail": str(error)}."""
    code = next(
        (HTTP_STATUS[kind] for kind in type(error).__mro__ if kind in HTTP_STATUS),
        status.HTTP_400_BAD_REQUEST,  # a rule with no entry yet is still the client's doing
    )
    return JSONResponse(status_code=code, content={"detail": str(error)})


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

    app = FastAPI(title="Day 33: a service layer", version="1.0.0", lifespan=lifespan)
    if session_factory is not None:
        app.state.session_factory = session_factory
    app.include_router(router)
    app.add_exception_handler(DomainError, domain_error_handler)
    return app


app = create_app()
