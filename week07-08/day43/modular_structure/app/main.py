"""The app factory: the one place that knows every module, and registers each of them.

Run: DATABASE_URL=$(make -s db-url 43) uvicorn app.main:app --reload
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from app.database import Base, make_engine, make_session_factory
from app.modules.orders.router import router as orders_router
from app.modules.products.router import router as products_router
from app.modules.users.router import router as users_router
from app.shared.exceptions import Conflict, DomainError, NotFound
from app.shared.middleware import add_request_id

SessionFactory = Callable[[], Session]

# Registering a module is one line here. Importing its router also imports its models,
# so Base.metadata knows every module's tables once this file is imported.
MODULES: tuple[APIRouter, ...] = (users_router, products_router, orders_router)

# The modules raise error families; only the edge knows what HTTP calls them.
HTTP_STATUS: dict[type[DomainError], int] = {
    NotFound: status.HTTP_404_NOT_FOUND,
    Conflict: status.HTTP_409_CONFLICT,
}


async def domain_error_handler(
    request: Request, error: Exception
) -> JSONResponse:  # pragma: no mutate block (given)
    """Answer a domain error with its family's status and {"detail": str(error)}."""
    code = next(
        (HTTP_STATUS[kind] for kind in type(error).__mro__ if kind in HTTP_STATUS),
        status.HTTP_400_BAD_REQUEST,  # a rule with no family yet is still the client's doing
    )
    return JSONResponse(status_code=code, content={"detail": str(error)})


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Connect to DATABASE_URL at startup, unless create_app was given a session factory."""
    if getattr(app.state, "session_factory", None) is not None:
        yield
        return
    engine = make_engine()  # reads DATABASE_URL now, when the server starts
    Base.metadata.create_all(engine)  # no Alembic today: create the missing tables
    app.state.session_factory = make_session_factory(engine)
    try:
        yield
    finally:
        engine.dispose()


def create_app(session_factory: SessionFactory | None = None) -> FastAPI:
    """Build the API and register every module: its router, error families and middleware."""
    app = FastAPI(
        title="Day 43: a modular monolith",  # pragma: no mutate
        version="1.0.0",  # pragma: no mutate
        lifespan=lifespan,
    )
    app.state.session_factory = session_factory  # None: lifespan connects at startup
    for router in MODULES:
        app.include_router(router)
    app.add_exception_handler(DomainError, domain_error_handler)
    app.middleware("http")(add_request_id)
    return app


app = create_app()
