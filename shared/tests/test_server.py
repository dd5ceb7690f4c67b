"""Which server the harness uses, and what it says when that server is unreachable."""

import subprocess
import sys

import pytest
import sqlalchemy as sa

from journey import REPO_ROOT, pg


def test_database_url_wins_over_the_embedded_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://learner:pw@db.example:6543/journey")
    url = pg.server_url()
    assert (url.host, url.port, url.drivername) == ("db.example", 6543, "postgresql+psycopg2"), (
        f"Called server_url() with DATABASE_URL set. Got {pg.masked(url)}, "
        "expected that server through psycopg2"
    )


def test_without_database_url_the_embedded_server_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    url = pg.server_url()
    with sa.create_engine(url, poolclass=sa.NullPool).connect() as conn:
        version = conn.execute(sa.text("SHOW server_version")).scalar()
    assert str(url.query["host"]).startswith(("/tmp", str(pg.PGDATA))), (
        f"Called server_url() without DATABASE_URL. Got {pg.masked(url)}, "
        f"expected the embedded server's socket under {pg.PGDATA}"
    )
    assert version, "Called SHOW server_version on the embedded server. Got nothing back."


DEAD_URL = "postgresql://learner:s3cret@127.0.0.1:1/journey"


def run_day(day: int, database_url: str) -> subprocess.CompletedProcess[str]:
    """`journey test --day N` with only DATABASE_URL and PATH in the environment."""
    env = {"DATABASE_URL": database_url, "PATH": "/usr/bin"}
    return subprocess.run(
        [sys.executable, "-m", "journey.cli", "test", "--day", str(day)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_day_without_database_runs_while_the_server_is_down() -> None:
    done = run_day(3, DEAD_URL)
    assert done.returncode == 0, f"Called journey test --day 3, server down. Got {done.stdout}"
    assert "not reachable" not in done.stdout + done.stderr, "day 3 needs no database"


def test_unreachable_database_url_gets_one_clear_message_without_password() -> None:
    done = run_day(22, DEAD_URL)
    output = done.stdout + done.stderr
    assert done.returncode == 3, f"Called journey test, server down. Got exit {done.returncode}"
    assert "127.0.0.1:1" in output and "make db-up" in output, (
        f"Called journey test with a dead server. Got {output!r}, expected its host:port and a fix"
    )
    assert "s3cret" not in output and "Traceback" not in output, (
        f"Called journey test with a dead server. Got {output!r}: password or traceback leaked"
    )


def test_a_malformed_database_url_is_one_line_that_does_not_echo_it() -> None:
    done = run_day(22, "postgresql://learner:s3cret@host:notaport/journey")
    output = done.stdout + done.stderr
    assert done.returncode == 3, f"Called journey test with a malformed URL. Got {output!r}"
    assert "does not parse" in output and "s3cret" not in output and "Traceback" not in output
    assert "Day 22" not in output, f"A broken URL is not day 22's failure. Got {output!r}"


def test_a_role_without_createdb_is_told_what_right_it_lacks() -> None:
    server = pg.server_url()
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP ROLE IF EXISTS jt_no_createdb")
        conn.exec_driver_sql("CREATE ROLE jt_no_createdb LOGIN NOCREATEDB")
    try:
        url = server.set(username="jt_no_createdb", drivername="postgresql")
        done = run_day(22, url.render_as_string(hide_password=False))
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql("DROP ROLE IF EXISTS jt_no_createdb")
    output = done.stdout + done.stderr
    assert done.returncode == 3, f"Called journey test as a role without CREATEDB. Got {output!r}"
    assert "CREATEDB" in output and "Traceback" not in output, output
    assert "Day 22 is failing" not in output, f"The role is not day 22's failure: {output!r}"
