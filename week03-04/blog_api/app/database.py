"""The declarative base, the engine and the session factory (nothing connects at import)."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, MetaData, event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase

from app.config import Settings

# Stable constraint names: error handling matches on them and migrations can name them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every ORM model; its metadata holds the whole schema."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Server defaults (ids, timestamps) come back in the INSERT/UPDATE's RETURNING, so a
    # written object is complete without a second query and never lazy-loads afterwards.
    __mapper_args__ = {"eager_defaults": True}  # noqa: RUF012 (read once, at class creation)


@event.listens_for(Base.metadata, "before_create")
def create_extensions(target: MetaData, connection: Connection, **_: Any) -> None:
    """pg_trgm, before the tables: the search (ILIKE '%term%') is served by trigram indexes."""
    connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")


def make_engine(settings: Settings) -> AsyncEngine:
    """The app's one engine: asyncpg, a bounded pool, a statement timeout on every connection.

    Connections are in AUTOCOMMIT unless a session asks for a transaction (Sessions.write):
    a read is then one round trip, with no BEGIN and COMMIT around it. `pool_pre_ping` tests
    a pooled connection before handing it out (one more round trip), so connections dropped
    by a database restart are replaced instead of failing the first requests after it.
    """
    server_settings = {
        "statement_timeout": str(round(settings.db_statement_timeout * 1000)),  # milliseconds
        "application_name": "blog_api",
    }
    return create_async_engine(
        settings.database_url,
        isolation_level="AUTOCOMMIT",
        skip_autocommit_rollback=True,
        pool_size=settings.db_pool_size,
        max_overflow=0,
        pool_timeout=settings.db_pool_timeout,
        pool_pre_ping=True,
        echo=settings.echo_sql,
        connect_args={"server_settings": server_settings},
    )


@dataclass(frozen=True)
class Sessions:
    """The two kinds of session on the engine's one pool.

    `read`: autocommit, for requests that only read. Under READ COMMITTED every statement
    sees its own snapshot anyway, so a transaction around reads would add two round trips
    and no guarantee. `write`: READ COMMITTED transactions, for requests that write. Both
    keep loaded attributes after a commit, so a response can read them."""

    read: async_sessionmaker[AsyncSession]
    write: async_sessionmaker[AsyncSession]

    @classmethod
    def on(cls, engine: AsyncEngine) -> "Sessions":
        """Both factories on `engine` (the write one through a READ COMMITTED view of it)."""
        transactional = engine.execution_options(isolation_level="READ COMMITTED")
        return cls(
            read=async_sessionmaker(engine, expire_on_commit=False, autoflush=False),
            write=async_sessionmaker(transactional, expire_on_commit=False, autoflush=False),
        )
