"""Per-run databases cloned from a template that already holds a project's schema.

``CREATE DATABASE x TEMPLATE y`` copies a migrated schema in tens of milliseconds,
so every pytest run (and any test that needs real commits) gets its own database
instead of sharing, and wiping, one.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import sqlalchemy as sa
from sqlalchemy.engine import URL
from sqlalchemy.schema import CreateIndex, CreateTable

SchemaBuilder: TypeAlias = Callable[[str], None]


@dataclass(frozen=True)
class Migrations:
    """A schema built by Alembic (``upgrade head``), for projects whose schema is migrated.

    Its template is keyed on the content of ``alembic.ini`` and every file under the
    script location, so it is reused until a migration changes, and rebuilt then.
    ``env.py`` reads the URL from ``config.get_main_option("sqlalchemy.url")``.
    """

    project_dir: Path
    ini: str = "alembic.ini"

    def config(self, url: str) -> Any:
        """An Alembic ``Config`` for this project pointed at ``url``."""
        from alembic.config import Config

        config = Config(str(self.project_dir / self.ini))
        location = config.get_main_option("script_location") or "alembic"
        config.set_main_option("script_location", str(self.project_dir / location))
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
        return config

    def fingerprint(self) -> str:
        """A short hash of the migrations: equal migrations share a template."""
        digest = hashlib.sha1((self.project_dir / self.ini).read_bytes())
        location = self.config("postgresql://").get_main_option("script_location")
        for path in sorted(Path(location).rglob("*.py")):
            if "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(location)).encode())
                digest.update(path.read_bytes())
        return digest.hexdigest()[:12]

    def __call__(self, url: str) -> None:
        from alembic import command

        command.upgrade(self.config(url), "head")


Schema: TypeAlias = sa.MetaData | Migrations | SchemaBuilder | None

PREFIX = "jt_"  # every database the harness creates starts with this


def _admin_engine(server: URL) -> sa.Engine:
    return sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)


def _lock_key(name: str) -> int:
    return int.from_bytes(hashlib.sha1(name.encode()).digest()[:7], "big")


def slug(text: str) -> str:
    """A name part PostgreSQL accepts unquoted: lower-case letters, digits, underscores."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:24]


def schema_fingerprint(metadata: sa.MetaData) -> str:
    """A short hash of the DDL that ``metadata`` creates: equal schemas share a template."""
    dialect = sa.create_engine("postgresql+psycopg2://").dialect
    parts = []
    for table in metadata.sorted_tables:
        parts.append(str(CreateTable(table).compile(dialect=dialect)))
        # table.indexes is a set: its order changes from process to process, the
        # fingerprint must not (every process of a run must find the same template).
        indexes = sorted(table.indexes, key=lambda index: index.name or "")
        parts.extend(str(CreateIndex(index).compile(dialect=dialect)) for index in indexes)
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


def can_create_databases(server: URL) -> bool:
    """Whether the server's role may CREATE DATABASE (each run clones databases)."""
    with _admin_engine(server).connect() as conn:
        query = "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
        return bool(conn.exec_driver_sql(query).scalar())


def drop_database(server: URL, name: str) -> None:
    """Drop ``name``, closing any session still connected to it."""
    with _admin_engine(server).connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_HOST = hashlib.sha1(socket.gethostname().encode()).hexdigest()[:4]
_RUN_NAME = re.compile(rf"^({PREFIX}run_.*_p\d+h[0-9a-f]{{4}}_)")


def run_prefix(project: str) -> str:
    """The start of every database name this process creates for ``project``.

    The process id says which run; the host hash tells apart two machines whose
    processes share an id and a ``DATABASE_URL`` server.
    """
    return f"{PREFIX}run_{slug(project)}_p{os.getpid()}h{_HOST}_"


def claim_run(server: URL, project: str) -> sa.Connection:
    """Hold a lock on this run's databases for as long as the returned connection lives.

    The lock is PostgreSQL's, not this machine's: a run on another machine sharing the
    server sees it too, and a killed run's lock goes with its connection.
    """
    conn = _admin_engine(server).connect()
    conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": _lock_key(run_prefix(project))})
    return conn


def template_prefix(project: str) -> str:
    """How every template of ``project`` is named: ``jt_tpl_`` + its slug + ``_``."""
    return f"{PREFIX}tpl_{slug(project)}_"


def drop_templates_of(projects: list[str]) -> None:
    """Drop the templates of throw-away projects (the copies of check-starters and of
    mutation testing); nothing to tidy when the server is not there."""
    from journey import pg

    try:
        drop_templates(pg.server_url(), tuple(template_prefix(p) for p in projects))
    except (pg.DatabaseUnavailable, sa.exc.SQLAlchemyError):
        return


def drop_templates(server: URL, prefixes: tuple[str, ...]) -> list[str]:
    """Drop the template databases whose names start with one of ``prefixes``
    (``jt_tpl_`` + a project slug + ``_``): tidying after throw-away projects."""
    dropped = []
    with _admin_engine(server).connect() as conn:
        names = conn.execute(sa.text("SELECT datname FROM pg_database")).scalars().all()
        for name in names:
            if name.startswith(prefixes) and re.match(r".*_([0-9a-f]{12}|empty)$", name):
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                dropped.append(name)
    return dropped


def drop_abandoned(server: URL) -> list[str]:
    """Drop per-run databases whose run is gone (killed), on any machine."""
    dropped = []
    with _admin_engine(server).connect() as conn:
        names = conn.execute(
            sa.text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
            {"p": f"{PREFIX}run_%"},
        ).scalars()
        for name in names:
            match = _RUN_NAME.match(name)
            if match is None:
                continue  # not a name this harness makes: never touch it
            key = {"k": _lock_key(match.group(1))}
            if conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), key).scalar():
                try:
                    conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    dropped.append(name)
                finally:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), key)
    return dropped


def _exists(conn: sa.Connection, name: str) -> bool:
    found = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
    return found.scalar() is not None


def _build(server: URL, name: str, schema: Schema) -> None:
    url = server.set(database=name)
    if isinstance(schema, sa.MetaData):
        engine = sa.create_engine(url, poolclass=sa.NullPool)
        try:
            schema.create_all(engine)
        finally:
            engine.dispose()
    elif schema is not None:
        schema(url.render_as_string(hide_password=False))


def ensure_template(server: URL, project: str, schema: Schema) -> tuple[str, bool]:
    """Create (or reuse) the template holding ``project``'s schema.

    Returns its name and whether it is kept between runs: a ``MetaData`` template
    is named after its DDL hash, a ``Migrations`` one after its migration files, and
    both are reused; a bare builder function cannot be fingerprinted, so its template
    is built for this run only.
    """
    if isinstance(schema, Migrations):
        name, keep = f"{template_prefix(project)}{schema.fingerprint()}", True
    elif isinstance(schema, sa.MetaData) or schema is None:
        fingerprint = schema_fingerprint(schema) if schema is not None else "empty"
        name, keep = f"{template_prefix(project)}{fingerprint}", True
    else:
        name, keep = f"{run_prefix(project)}tpl", False
    with _admin_engine(server).connect() as conn:
        conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": _lock_key(name)})
        try:
            if _exists(conn, name) and keep:
                return name, keep
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
            try:
                _build(server, name, schema)
                # A builder (an Alembic env.py) may leave a pooled connection open, and
                # PostgreSQL refuses to clone a template anyone is connected to.
                conn.execute(
                    sa.text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :n AND pid <> pg_backend_pid()"
                    ),
                    {"n": name},
                )
            except BaseException:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                raise
            if keep:
                _drop_outdated_templates(conn, project, name)
            return name, keep
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _lock_key(name)})


def _drop_outdated_templates(conn: sa.Connection, project: str, current: str) -> None:
    """Drop this project's templates of earlier schemas: models changed, they never return."""
    pattern = re.compile(rf"^{re.escape(template_prefix(project))}([0-9a-f]{{12}}|empty)$")
    names = conn.execute(sa.text("SELECT datname FROM pg_database")).scalars().all()
    for name in names:
        if name != current and pattern.match(name):
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def clone(server: URL, template: str, project: str, label: str) -> str:
    """Create a fresh database from ``template`` for this process; return its name."""
    prefix = run_prefix(project)
    name = f"{prefix}{label}"[:63]
    if not name.startswith(prefix):
        raise ValueError(f"database name {name!r} is too long for PostgreSQL")
    with _admin_engine(server).connect() as conn:
        # Two clones of one template at the same instant make PostgreSQL report the
        # template as "being accessed by other users": take turns per template.
        conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": _lock_key(template)})
        try:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            # FILE_COPY copies the template's files instead of WAL-logging every page:
            # the faster of the two on a server with minimal WAL and fsync off. The
            # clause exists since PostgreSQL 15, where WAL_LOG became the default.
            version = conn.dialect.server_version_info or (0,)
            strategy = " STRATEGY FILE_COPY" if version >= (15,) else ""
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"{strategy}')
        finally:
            conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": _lock_key(template)})
    return name


def create_empty(server: URL, project: str, label: str) -> str:
    """Create an empty database for this process (no schema: for migration tests)."""
    prefix = run_prefix(project)
    name = f"{prefix}{label}"[:63]
    with _admin_engine(server).connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    return name
