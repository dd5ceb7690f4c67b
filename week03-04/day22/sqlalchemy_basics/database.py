"""Engine, session factory and declarative base: built by functions, never at import."""

from __future__ import annotations

import os

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

EXAMPLE_URL = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"


class Base(DeclarativeBase):
    """Parent of every model; Base.metadata knows all their tables."""


class DatabaseNotConfigured(RuntimeError):
    """DATABASE_URL is missing: say what to set instead of failing deep inside a driver."""


def database_url() -> str:
    """The URL in DATABASE_URL, read now (not when this module was imported).

    Raises DatabaseNotConfigured, whose message starts "DATABASE_URL is not set", when the
    variable is missing or empty.
    """
    url = os.environ.get("DATABASE_URL")
    if not url:
        raise DatabaseNotConfigured(
            f"DATABASE_URL is not set: export DATABASE_URL={EXAMPLE_URL} "
            "(`make db-url` prints the journey's)"
        )
    return url


def make_engine(url: str | None = None) -> Engine:
    """An engine on `url`, or on DATABASE_URL when no URL is given.

    A bare postgresql:// URL gets the psycopg2 driver (postgresql+psycopg2://).
    """
    parsed = make_url(url or database_url())
    # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3; these days teach psycopg2.
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg2")
    return create_engine(parsed, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """The roadmap's SessionLocal: call it to open a Session bound to `engine`."""
    return sessionmaker(bind=engine)


def create_tables(engine: Engine) -> None:
    """Create every model's table that does not exist yet (no Alembic on day 22).

    Import models first: defining the User class is what puts its table on Base.metadata.
    """
    import models  # noqa: F401  (registers the models on Base.metadata)

    Base.metadata.create_all(engine)
