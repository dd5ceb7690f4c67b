"""The hot read path: Core statements on asyncpg, run on the event loop (no thread hop)."""

from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from fastapi import Request, Response
from pydantic import TypeAdapter
from sqlalchemy import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from app.config import Settings

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def make_read_engine(settings: Settings) -> AsyncEngine:
    """An asyncpg engine on the same database, for read-only statements.

    AUTOCOMMIT: a read needs no BEGIN/ROLLBACK round trips (under READ COMMITTED every
    statement has its own snapshot anyway), and asyncpg reuses prepared statements, so
    PostgreSQL parses and plans each query once per connection.
    """
    url = make_url(settings.database_url).set(drivername="postgresql+asyncpg")
    return create_async_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=0,
        pool_timeout=settings.db_pool_timeout,
        isolation_level="AUTOCOMMIT",
        echo=settings.echo_sql,
    )


class Reader:
    """Runs the same sync Core read functions the tests run, on a pooled asyncpg connection."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def run(
        self, work: Callable[Concatenate[Connection, P], R], /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run `work(connection, ...)` in a greenlet on the event loop; waiting for a
        connection is a coroutine wait, so no thread can block (fastapi#3205)."""
        async with self._engine.connect() as connection:
            return await connection.run_sync(work, *args, **kwargs)


async def get_reader(request: Request) -> Reader:
    """The app's Reader; a plain async function, the cheapest kind of dependency."""
    reader: Reader = request.app.state.reader
    return reader


def json_response(adapter: TypeAdapter[T], data: Any) -> Response:
    """Validate and serialise in one pydantic-core pass each, skipping FastAPI's own
    response handling (which also walks the dict in Python); the route keeps its
    response_model for the OpenAPI document."""
    body = adapter.dump_json(adapter.validate_python(data))
    return Response(content=body, media_type="application/json")
