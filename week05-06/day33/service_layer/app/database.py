"""Infrastructure: settings, engine and session factory, built when the app starts."""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_settings import BaseSettings
from sqlalchemy import Engine, MetaData, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

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
            "(`make db-url` prints the journey's)"
        )
        raise DatabaseNotConfigured(message) from None


def make_engine(url: str | None = None) -> Engine:
    """An engine on `url`, or on DATABASE_URL when no URL is given."""
    parsed = make_url(url or get_settings().database_url)
    # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3; these days use psycopg2.
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg2")
    return create_engine(parsed, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after commit (expire_on_commit=False)."""
    return sessionmaker(bind=engine, expire_on_commit=False)
