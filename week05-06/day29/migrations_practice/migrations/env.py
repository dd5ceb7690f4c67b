"""Alembic's environment: which database to migrate, and which models to compare it with.

`alembic init` wrote the skeleton; day 29 wires it to the models (`context_options`)
and to the database (`database_url`).
"""

from __future__ import annotations

import logging
import os
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import Connection, Engine, create_engine, pool

from app.models import Base

config = context.config

# alembic.ini's [loggers] for the `alembic` command; a host that already set logging up
# (pytest, an app running migrations at startup) keeps its own.
if config.config_file_name is not None and not logging.getLogger().handlers:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


NO_DATABASE_URL = (
    "No database to migrate: set DATABASE_URL "
    "(from the repository root: export DATABASE_URL=$(make -s db-url 29))"
)


def database_url() -> str:
    """``sqlalchemy.url`` when someone set it (the tests do), else ``$DATABASE_URL``."""
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")
    if not url:
        raise RuntimeError(NO_DATABASE_URL)
    return url


def context_options() -> dict[str, Any]:
    """What `alembic revision --autogenerate` and `alembic check` compare."""
    return {
        "target_metadata": Base.metadata,
        # Off by default since Alembic 1.19.2: without it a named CHECK constraint
        # missing from the database (or from the models) goes unnoticed.
        "autogenerate_plugins": [
            "alembic.autogenerate.*",
            "alembic.ext.checkconstraint_byname",
        ],
        "compare_server_default": True,
    }


def run_migrations_offline() -> None:
    """``alembic upgrade head --sql``: print the SQL instead of running it."""
    # pragma: no mutate start (equivalent here: no revision sends a bound value; the options
    # for autogenerate are never used offline)
    context.configure(
        url=database_url(),
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **context_options(),
    )
    # pragma: no mutate end
    with context.begin_transaction():
        context.run_migrations()


def _run_on(connection: Connection) -> None:
    context.configure(connection=connection, **context_options())
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate through a connection handed in (pytest-alembic's), else a fresh one."""
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        _run_on(given)
        return
    # NullPool: a migration is one short session; nothing should stay connected after it.
    engine: Engine = given or create_engine(database_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run_on(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
