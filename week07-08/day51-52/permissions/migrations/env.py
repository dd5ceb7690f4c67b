"""Alembic's entry point: which database, and which models autogenerate compares with."""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool

from app import models  # noqa: F401  (registers every table on Base.metadata)
from app.database import Base, database_url

config = context.config
if config.config_file_name is not None:
    # Keep pytest's and uvicorn's loggers alive when the tests run the migrations.
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def url() -> str | None:
    """sqlalchemy.url (the tests set it), else the DATABASE_URL environment variable."""
    return config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")


def run_migrations_offline() -> None:
    """`alembic upgrade head --sql`: print the SQL instead of running it."""
    context.configure(url=database_url(url()), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run the migrations, all in one transaction (PostgreSQL has transactional DDL)."""
    # NullPool: no connection outlives the command, so the database can be cloned or dropped.
    engine = create_engine(database_url(url()), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
