"""``make run P=NAME``: serve a project with uvicorn on 127.0.0.1, against a database of
its own (``dev_NAME``), migrated and seeded by the project's prepare step."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from journey import curriculum, pg
from journey.course import TO_DO, CourseError, Reference, day_state
from journey.curriculum import Curriculum
from journey.errors import ServeError

DEFAULT_PORT = 8000


def _dotenv_port(root: Path) -> str | None:
    """PORT from the repository's ``.env``, if it sets one."""
    env_file = root / ".env"
    if not env_file.is_file():
        return None
    for line in env_file.read_text(errors="replace").splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip() == "PORT":
            return value.strip().strip("'\"")
    return None


def choose_port(root: Path, environ: dict[str, str]) -> int:
    """PORT from the environment, else ``.env``, else 8000; refused unless free."""
    raw = environ.get("PORT") or _dotenv_port(root) or str(DEFAULT_PORT)
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise ServeError(f"PORT must be a number from 1 to 65535, got {raw[:20]!r}")
    port = int(raw)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise ServeError(
                f"port {port} on 127.0.0.1 is in use: stop what listens there, "
                f"or choose another (PORT={port + 1} make run P=...)"
            ) from None
    return port


def unwritten_days(plan: Curriculum, project: str) -> list[int]:
    """The days of ``project`` that are still their starter: what they serve answers 500."""
    try:
        reference = Reference.of(plan.root)
    except CourseError:
        return []  # a damaged .journey-start is reported by the commands that need it
    days = [d for d in plan.days if d.project == project]
    return [d.day for d in days if day_state(plan, d, reference) == TO_DO]


def serve(plan: Curriculum, name: str, *, start_database: Callable[[], object]) -> int:
    """Prepare the project's database and replace this process by uvicorn."""
    import sqlalchemy as sa

    app = plan.app(name)
    if app is None:
        valid = ", ".join(a.name for a in plan.apps) or "none yet"
        raise ServeError(f"no project called '{name}': choose one of {valid} (make run P=NAME)")
    project_dir = plan.root / app.project
    if not curriculum.has_code(project_dir):
        raise ServeError(f"'{name}' has no code yet ({app.project}): build it first")
    port = choose_port(plan.root, dict(os.environ))
    unwritten = unwritten_days(plan, app.project)
    if unwritten:
        listed = ", ".join(str(day) for day in unwritten)
        print(
            f"note: day(s) {listed} of {name} are still starters: what they serve answers "
            f"500 (NotImplementedError) until you write them (make next shows the first)"
        )
    start_database()
    server = pg.server_url()
    database = f"dev_{name}"
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with engine.connect() as conn:
        found = sa.text("SELECT 1 FROM pg_database WHERE datname = :n")
        if conn.execute(found, {"n": database}).scalar() is None:
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    url = server.set(database=database).render_as_string(hide_password=False)
    env = dict(os.environ, DATABASE_URL=url)
    if app.prepare:
        done = subprocess.run([sys.executable, *app.prepare], cwd=project_dir, env=env, check=False)
        if done.returncode != 0:
            raise ServeError(f"preparing {name} failed ({' '.join(app.prepare)}): see above")
    print(f"Serving {name} on http://127.0.0.1:{port} (docs: /docs), database {database}")
    sys.stdout.flush()
    command = [sys.executable, "-m", "uvicorn", app.target, "--host", "127.0.0.1"]
    command += ["--port", str(port)]
    # exec, not a child: stopping `make run` (Ctrl-C, SIGTERM) stops the server itself.
    os.chdir(project_dir)
    os.execve(sys.executable, command, env)
