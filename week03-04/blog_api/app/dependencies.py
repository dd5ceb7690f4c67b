"""Request-scoped dependencies: the database session, the password hasher, common params."""

import asyncio
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, Concatenate, ParamSpec, TypeVar

from fastapi import Depends, FastAPI, Path, Query, Request
from passlib.context import CryptContext
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from app.crud.pagination import PageRequest
from app.schemas.common import MAX_ID

P = ParamSpec("P")
R = TypeVar("R")


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One session per request, from the factory that create_app stored on the app.

    Creating a Session does no I/O, so this runs on the event loop: no worker-thread hop.
    """
    session: Session = request.app.state.session_factory()
    try:
        yield session
    finally:
        # Database.run already released the connection; only a cancelled request holds one.
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()


class Database:
    """The request's session plus the worker threads reserved for database work."""

    def __init__(self, session: Session, executor: ThreadPoolExecutor) -> None:
        self.session = session
        self._executor = executor

    async def run(
        self, work: Callable[Concatenate[Session, P], R], /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run blocking database work in ONE worker thread, releasing the connection there.

        Routes are `async def` and call this once: one thread hop per request instead of the
        four that a sync route with a sync dependency costs. The executor has as many threads
        as the pool has connections, so no thread ever blocks waiting for a connection (the
        pool deadlock of fastapi#3205 cannot happen) and GIL contention stays low.
        """

        def work_then_release() -> R:
            """The work, then the connection back to the pool, in the same thread."""
            try:
                return work(self.session, *args, **kwargs)
            finally:
                self.session.close()

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, work_then_release)


def db_executor(app: FastAPI) -> ThreadPoolExecutor:
    """The app's database thread pool, started on first use (create_app's lifespan stops it)."""
    executor: ThreadPoolExecutor | None = getattr(app.state, "db_executor", None)
    if executor is None:
        executor = ThreadPoolExecutor(app.state.settings.db_pool_size, thread_name_prefix="db")
        app.state.db_executor = executor
    return executor


async def get_database(request: Request, session: Annotated[Session, Depends(get_db)]) -> Database:
    """The request's Database: its session (overridable through get_db) and the db threads."""
    return Database(session, db_executor(request.app))


async def get_password_context(request: Request) -> CryptContext:
    """The bcrypt context configured by create_app (low rounds in tests)."""
    context: CryptContext = request.app.state.password_context
    return context


async def get_page_request(
    limit: Annotated[int, Query(ge=1, le=100, description="Page size, 1-100.")] = 10,
    skip: Annotated[
        int,
        Query(ge=0, le=10_000, description="Rows to skip (offset); use `cursor` past 10,000."),
    ] = 0,
    cursor: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=500,
            description="`next_cursor` of the previous page (keyset pagination). "
            "Cursor pages are as cheap at page 500 as at page 1 and carry no total.",
        ),
    ] = None,
) -> PageRequest:
    """Collect the pagination query parameters shared by every list endpoint."""
    return PageRequest(limit=limit, skip=skip, cursor=cursor)


DatabaseDep = Annotated[Database, Depends(get_database)]
PasswordsDep = Annotated[CryptContext, Depends(get_password_context)]
PageDep = Annotated[PageRequest, Depends(get_page_request)]

UserId = Annotated[int, Path(ge=1, le=MAX_ID, description="The user's id.")]
PostId = Annotated[int, Path(ge=1, le=MAX_ID, description="The post's id.")]
CommentId = Annotated[int, Path(ge=1, le=MAX_ID, description="The comment's id.")]
