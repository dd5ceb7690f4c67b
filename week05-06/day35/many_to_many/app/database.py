"""Settings, engine and session factory: built when the app starts, never at import."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_settings import BaseSettings
from sqlalchemy import Engine, MetaData, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

EXAMPLE_URL = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"

# Stable constraint and index names: the migrations create exactly these names.
NAMING_CONVENTION = {
    "pk": "pk_%(table_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ix": "ix_%(column_0_label)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}


class Base(DeclarativeBase):
    """Parent of every model; Base.metadata is what the migrations must build."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Settings(BaseSettings):
    """Read from the environment: DATABASE_URL."""

    database_url: str


class DatabaseNotConfigured(RuntimeError):
    """DATABASE_URL is missing: say what to set instead of failing deep inside a driver."""


def database_url(url: str | None = None) -> URL:
    """`url`, or DATABASE_URL, with a bare postgresql:// pointed at psycopg2."""
    if url is None:
        try:
            url = Settings().database_url  # database_url comes from the environment
        except ValidationError:
            message = (
                f"DATABASE_URL is not set: export DATABASE_URL={EXAMPLE_URL} "
                "(`make db-url` prints the journey's)"
            )
            raise DatabaseNotConfigured(message) from None
    parsed = make_url(url)
    # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3; these days teach psycopg2.
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg2")
    return parsed


def make_engine(url: str | None = None) -> Engine:
    """An engine on `url`, or on DATABASE_URL when no URL is given."""
    return create_engine(database_url(url), pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (expire_on_commit=False)."""
    return sessionmaker(bind=engine, expire_on_commit=False)
