"""Engine, session factory and the declarative base: built when asked, never at import."""

from __future__ import annotations

import os

from sqlalchemy import Engine, MetaData, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

# Stable constraint names: the code recognises "uq_accounts_email" in PostgreSQL's errors.
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


class DatabaseNotConfigured(RuntimeError):
    """DATABASE_URL is missing: say what to set instead of failing deep inside a driver."""


def make_engine(url: str | None = None, **options: object) -> Engine:
    """An engine on `url`, or on DATABASE_URL when no URL is given."""
    url = url or os.environ.get("DATABASE_URL")
    if not url:
        message = (
            "DATABASE_URL is not set: from the repository root, "
            "export DATABASE_URL=$(make -s db-url 31)"
        )
        raise DatabaseNotConfigured(message)
    parsed = make_url(url)
    # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3; these days teach psycopg2.
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg2")
    return create_engine(parsed, **options)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions on `engine`; expire_on_commit=False so committed objects stay readable."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL reported (psycopg2 puts it in diag)."""
    diag = getattr(error.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    return name if isinstance(name, str) else None
