"""A killed test run leaves nothing that breaks the next one."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from journey import databases, pg

SLOW_PROJECT_TEST = """
import time

def test_waits_to_be_killed(database_url: str) -> None:
    print("DATABASE", database_url.rsplit("/", 1)[1].split("?")[0], flush=True)
    time.sleep(60)
"""


def database_names(server: sa.URL) -> set[str]:
    engine = sa.create_engine(server, poolclass=sa.NullPool)
    with engine.connect() as conn:
        return set(conn.execute(sa.text("SELECT datname FROM pg_database")).scalars())


def test_a_killed_run_leaves_a_database_that_the_next_run_drops(tmp_path: Path) -> None:
    project = tmp_path / "harness_killed"
    project.mkdir()
    (project / "conftest.py").write_text("")
    (project / "test_slow.py").write_text(SLOW_PROJECT_TEST)
    child = subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider", "test_slow.py"],
        cwd=project,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    deadline = time.monotonic() + 30
    line = ""
    while time.monotonic() < deadline and "DATABASE" not in line:
        line = child.stdout.readline()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    name = line.split()[-1]
    server = pg.server_url()
    assert name in database_names(server), f"The killed run's database {name!r} was not created"

    dropped = databases.drop_abandoned(server)
    assert name in dropped and name not in database_names(server), (
        f"Called drop_abandoned() after a killed run. Got {dropped}, expected it to drop {name}"
    )


def test_a_live_run_on_another_machine_keeps_its_database() -> None:
    server = pg.server_url()
    # Another machine's run: the same server, a process id of its own, its lock held.
    name = "jt_run_elsewhere_p4242h0bad_s"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as owner:
        owner.exec_driver_sql(f'CREATE DATABASE "{name}"')
        key = {"k": databases._lock_key("jt_run_elsewhere_p4242h0bad_")}
        owner.execute(sa.text("SELECT pg_advisory_lock(:k)"), key)
        try:
            dropped = databases.drop_abandoned(server)
            assert name not in dropped and name in database_names(server), (
                f"Called drop_abandoned() while {name}'s run holds its lock. Got {dropped}"
            )
        finally:
            owner.execute(sa.text("SELECT pg_advisory_unlock(:k)"), key)
            owner.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
