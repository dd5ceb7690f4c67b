"""The web edge: the app factory, and domain errors mapped to HTTP in one place.

Run: DATABASE_URL=$(make -s db-url 34) uvicorn app.main:app --reload
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse

from app.database import Base, get_settings, make_engine, make_session_factory
from app.errors import DomainError, EmailTaken, UserNotFound
from app.routes import router

HTTP_STATUS: dict[type[DomainError], int] = {
    UserNotFound: status.HTTP_404_NOT_FOUND,
    EmailTaken: status.HTTP_409_CONFLICT,
}


async def domain_error_handler(request: Request, error: Exception) -> JSONResponse:
    """Answer a domain error with its status from HTTP_STATUS and {"detail": str(error)}."""
    code = next(
        (HTTP_STATUS[kind] for kind in type(error).__mro__ if kind in HTTP_STATUS),
        status.HTTP_400_BAD_REQUEST,
    )
    return JSONResponse(status_code=code, content={"detail": str(error)})


def create_app(database_url: str | None = None) -> FastAPI:
    """Build the API. The engine is made at startup, inside the server's event loop,
    on `database_url` or else DATABASE_URL, and disposed of at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(database_url or get_settings().database_url)
        async with engine.begin() as connection:
            # No Alembic in this day: create the tables that are missing.
            await connection.run_sync(Base.metadata.create_all)
        app.state.session_factory = make_session_factory(engine)
        try:
            yield
        finally:
            await engine.dispose()

    app = FastAPI(title="Day 34: async SQLAlchemy", version="1.0.0", lifespan=lifespan)
    app.include_router(router)
    app.add_exception_handler(DomainError, domain_error_handler)
    return app


app = create_app()
