"""One engine for the whole app, made when the server starts; one session per request.

Every module's models derive from Base: one metadata, one database, one migration history.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import MetaData, Numeric
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

from app.config import Settings

# Stable constraint names: errors are recognised by them and migrations can name them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
Money = Numeric(12, 2, asdecimal=True)
"""Every amount: NUMERIC(12,2) in PostgreSQL, Decimal in Python, never a float."""


class Base(DeclarativeBase):
    """Parent of every module's models."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {Decimal: Money}  # noqa: RUF012 (read once, at class creation)


def make_engine(settings: Settings) -> AsyncEngine:
    """The app's one engine: asyncpg, a bounded pool, and bounded waits for locks."""
    return create_async_engine(
        settings.database_url.get_secret_value(),
        pool_size=settings.db_pool_size,
        max_overflow=0,
        pool_timeout=settings.db_pool_timeout,
        echo=settings.debug,
        connect_args={
            "timeout": settings.db_pool_timeout,
            # A request stuck behind a row lock fails fast (503) instead of hanging.
            "server_settings": {"lock_timeout": str(settings.db_lock_timeout_ms)},
        },
    )


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded attributes after commit (async code cannot lazy-load)."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One AsyncSession per request from the app's one engine, closed however it ends.

    It never commits: FastAPI runs the code after `yield` once the response is sent, too
    late to report a failed commit. Each use case commits through its unit of work.
    """
    factory: async_sessionmaker[AsyncSession] = request.app.state.session_factory
    async with factory() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]
