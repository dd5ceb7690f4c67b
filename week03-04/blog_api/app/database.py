"""The declarative base and the engine/session factories (nothing connects at import)."""

from sqlalchemy import Engine, MetaData, create_engine
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

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
    # written object is complete before its session closes and never lazy-loads afterwards.
    __mapper_args__ = {"eager_defaults": True}  # noqa: RUF012 (read once, at class creation)


def make_engine(settings: Settings) -> Engine:
    """Build the engine: one pooled connection per database worker thread (see Database.run)."""
    return create_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=0,
        pool_timeout=settings.db_pool_timeout,
        pool_pre_ping=False,
        echo=settings.echo_sql,
    )


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded attributes after commit, so responses can read them."""
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
