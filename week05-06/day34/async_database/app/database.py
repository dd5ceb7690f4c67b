"""Infrastructure: settings, the async engine (asyncpg) and the AsyncSession factory.

An async engine belongs to the event loop it first connects in, so it is made when the
app starts (in the server's loop), never at import time.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_settings import BaseSettings
from sqlalchemy import MetaData
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

EXAMPLE_URL = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"

# Stable constraint names: the repository recognises "uq_users_email" in PostgreSQL's errors.
NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ix": "ix_%(column_0_label)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}


class Base(DeclarativeBase):
    """Parent of every model; Base.metadata knows all their tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Settings(BaseSettings):
    """Read from the environment: DATABASE_URL."""

    database_url: str


class DatabaseNotConfigured(RuntimeError):
    """DATABASE_URL is missing: say what to set instead of failing deep inside a driver."""


def get_settings() -> Settings:
    """The settings as the environment holds them right now."""
    try:
        return Settings()  # database_url comes from the environment
    except ValidationError:
        message = (
            f"DATABASE_URL is not set: export DATABASE_URL={EXAMPLE_URL} "
            "(`make db-url 34` prints the day's)"
        )
        raise DatabaseNotConfigured(message) from None


def make_engine(url: str | None = None, **options: Any) -> AsyncEngine:
    """An async engine on `url` (or DATABASE_URL), always through the asyncpg driver.

    `postgresql://` and `postgresql+psycopg2://` URLs are accepted as they are printed
    by `make db-url` and used by the sync days; `options` go to create_async_engine.
    """
    parsed = make_url(url or get_settings().database_url).set(drivername="postgresql+asyncpg")
    return create_async_engine(parsed, **options)


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """AsyncSessions that keep objects readable after commit.

    With expire_on_commit=True, reading `user.name` after `await session.commit()` would
    need a query, and an attribute access cannot await: it raises MissingGreenlet.
    """
    return async_sessionmaker(engine, expire_on_commit=False)
