"""The app factory: builds the FastAPI app, its engine and its error handlers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from passlib.context import CryptContext

from app.config import Settings
from app.database import make_engine, make_session_factory
from app.dependencies import db_executor
from app.errors import ConflictError, InvalidInputError, NotFoundError
from app.openapi import build_openapi
from app.reads import Reader, make_read_engine
from app.routers import comments, posts, users


class BlogAPI(FastAPI):
    """FastAPI whose OpenAPI document (/docs, /openapi.json) is built by app.openapi."""

    def openapi(self) -> dict[str, Any]:
        """The document, built on the first call and cached (see build_openapi)."""
        return build_openapi(self)


async def not_found(_: Request, error: NotFoundError) -> JSONResponse:
    """404 with body `{"detail": str(error)}`, e.g. `{"detail": "Post 42 not found"}`."""
    return JSONResponse({"detail": str(error)}, status_code=status.HTTP_404_NOT_FOUND)


async def conflict(_: Request, error: ConflictError) -> JSONResponse:
    """409 with body `{"detail": str(error)}`, naming the value already taken."""
    return JSONResponse({"detail": str(error)}, status_code=status.HTTP_409_CONFLICT)


async def invalid_input(_: Request, error: InvalidInputError) -> JSONResponse:
    """422 in the shape of FastAPI's own validation errors:
    `{"detail": [{"loc": [*error.location], "msg": error.message, "type": "value_error"}]}`."""
    detail = [{"loc": list(error.location), "msg": error.message, "type": "value_error"}]
    return JSONResponse({"detail": detail}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


def _register_error_handlers(app: FastAPI) -> None:
    """Map each domain error to its HTTP answer, in this one place."""
    app.exception_handler(NotFoundError)(not_found)
    app.exception_handler(ConflictError)(conflict)
    app.exception_handler(InvalidInputError)(invalid_input)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; the engine is created here but connects only on the first request."""
    settings = settings or Settings()
    engine = make_engine(settings)
    read_engine = make_read_engine(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        """Start the database threads; on shutdown stop them and close both pools."""
        db_executor(app)
        yield
        app.state.db_executor.shutdown(wait=True)
        app.state.db_executor = None
        engine.dispose()
        await read_engine.dispose()

    app = BlogAPI(
        title="Blog API",
        version="1.0.0",
        summary="Users, posts and comments on PostgreSQL.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.read_engine = read_engine
    app.state.reader = Reader(read_engine)
    app.state.password_context = CryptContext(
        schemes=["bcrypt"], bcrypt__rounds=settings.bcrypt_rounds
    )
    _register_error_handlers(app)
    app.include_router(users.router)
    app.include_router(posts.router)
    app.include_router(comments.router)
    return app


app = create_app()
