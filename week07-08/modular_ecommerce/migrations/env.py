"""Alembic's environment: which database to migrate, and which models to compare it with.

Migrations run on a plain synchronous connection (psycopg2): the app's asyncpg URL is
accepted and switched to it, since a migration is one short session with nothing to await.
Every module's models are imported here, so `alembic check` compares the whole schema.
"""

from __future__ import annotations

import os
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import Connection, Engine, create_engine, make_url, pool

from app.database import Base
from app.modules.auth import models as auth_models
from app.modules.orders import models as orders_models
from app.modules.products import models as products_models
from app.modules.users import models as users_models

MODELS = (auth_models, users_models, products_models, orders_models)  # registers every table

config = context.config

# alembic.ini's [loggers]; keep the loggers a host (pytest, an app) already set up.
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def database_url() -> str:
    """``sqlalchemy.url`` when someone set it (the tests do), else ``$DATABASE_URL``."""
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL")
    if not url:
        raise RuntimeError(
            "No database to migrate: set DATABASE_URL "
            "(from the repository root: export DATABASE_URL=$(make -s db-url))"
        )
    parsed = make_url(url).set(drivername="postgresql+psycopg2")
    return parsed.render_as_string(hide_password=False)


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
    context.configure(
        url=database_url(),
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        **context_options(),
    )
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
