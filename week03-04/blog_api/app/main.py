"""The app factory: builds the FastAPI app, its engine and its error handlers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from passlib.context import CryptContext

from app.config import Settings
from app.database import make_engine, make_session_factory
from app.dependencies import db_executor
from app.errors import ConflictError, InvalidInputError, NotFoundError
from app.reads import Reader, make_read_engine
from app.routers import comments, posts, users

DESCRIPTION = """
A blog backend: **users** write **posts**, users **comment** on posts.

* Lists are paginated: `limit` (1-100) with `skip`, or keyset pagination with `cursor`
  (pass back the `next_cursor` of the previous page). Every list answers
  `{items, total, limit, skip, next_cursor}`.
* Errors: `404` unknown id in the path, `409` username or email taken, `422` invalid
  input (same `{"detail": [...]}` shape as FastAPI's validation errors), unknown body
  fields included.
* Deleting a user deletes their posts and comments; deleting a post deletes its comments.
"""

TAGS = [
    {"name": "users", "description": "Accounts; passwords are stored as bcrypt hashes only."},
    {"name": "posts", "description": "Posts, their search and pagination, their comments."},
    {"name": "comments", "description": "Reading, editing and deleting single comments."},
]


def _register_error_handlers(app: FastAPI) -> None:
    """Map each domain error to its HTTP answer, in this one place."""

    @app.exception_handler(NotFoundError)
    async def not_found(_: Request, error: NotFoundError) -> JSONResponse:
        """404 with the resource and id named."""
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_404_NOT_FOUND)

    @app.exception_handler(ConflictError)
    async def conflict(_: Request, error: ConflictError) -> JSONResponse:
        """409 naming the value already taken."""
        return JSONResponse({"detail": str(error)}, status_code=status.HTTP_409_CONFLICT)

    @app.exception_handler(InvalidInputError)
    async def invalid(_: Request, error: InvalidInputError) -> JSONResponse:
        """422 in the same shape as FastAPI's own validation errors."""
        detail = [{"loc": list(error.location), "msg": error.message, "type": "value_error"}]
        return JSONResponse({"detail": detail}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


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

    app = FastAPI(
        title="Blog API",
        version="1.0.0",
        summary="Users, posts and comments on PostgreSQL.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
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
