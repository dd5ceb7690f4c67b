"""The declarative base, the engine and the session factory (made at startup, never at import)."""

from __future__ import annotations

from sqlalchemy import Engine, MetaData, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from app.config import Settings

# Stable constraint names: the API recognises "uq_users_email" in PostgreSQL's errors.
NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ix": "ix_%(column_0_label)s",
}


class Base(DeclarativeBase):
    """Parent of every model; Base.metadata knows all their tables."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DatabaseNotConfigured(RuntimeError):
    """DATABASE_URL is missing: say what to set instead of failing deep inside a driver."""


def make_engine(settings: Settings) -> Engine:
    """An engine on DATABASE_URL (psycopg2) that never writes statement parameters anywhere."""
    if settings.database_url is None:
        raise DatabaseNotConfigured(
            "DATABASE_URL is not set: export DATABASE_URL=$(make -s db-url 50)"
        )
    url = make_url(settings.database_url.get_secret_value())
    # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3; these days use psycopg2.
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg2")
    # hide_parameters: parameters hold password and token hashes; keep them out of logs.
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (expire_on_commit=False)."""
    return sessionmaker(bind=engine, expire_on_commit=False)
