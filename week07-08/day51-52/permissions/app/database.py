"""The declarative base, the engine and the session factory (made at startup, never at import)."""

from __future__ import annotations

from sqlalchemy import Engine, MetaData, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# Stable constraint names: the migrations create exactly these names.
NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ix": "ix_%(column_0_label)s",
}


class Base(DeclarativeBase):
    """Parent of every model; Base.metadata is what the migrations must build."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DatabaseNotConfigured(RuntimeError):
    """DATABASE_URL is missing: say what to set instead of failing deep inside a driver."""


def database_url(url: str | None) -> URL:
    """`url` (from alembic.ini or the settings) with a bare postgresql:// sent to psycopg2."""
    if not url:
        raise DatabaseNotConfigured(
            "DATABASE_URL is not set: export DATABASE_URL=$(make -s db-url 51)"
        )
    parsed = make_url(url)
    # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3; these days use psycopg2.
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg2")
    return parsed


def make_engine(url: str | None) -> Engine:
    """An engine that never writes statement parameters (password hashes) into logs."""
    return create_engine(database_url(url), pool_pre_ping=True, hide_parameters=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (expire_on_commit=False)."""
    return sessionmaker(bind=engine, expire_on_commit=False)
