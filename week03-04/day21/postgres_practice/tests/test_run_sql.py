"""The practice script, run for real against a fresh PostgreSQL database per test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import run_sql

pytestmark = pytest.mark.day(21)

PROJECT = Path(__file__).resolve().parents[1]


def run(argv: list[str]) -> int:
    """Call the runner's entry point the way the command line does."""
    return run_sql.main(argv)


def rows_of(results: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """One saved result set as a list of {column: value} dicts."""
    result = results[name]
    return [dict(zip(result["columns"], row, strict=True)) for row in result["rows"]]


def scalar(url: str, sql: str) -> Any:
    """One value read straight from the database, independently of the runner."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.exec_driver_sql(sql).scalar_one()
    finally:
        engine.dispose()


@pytest.fixture
def results(committed_database_url: str, tmp_path: Path) -> dict[str, Any]:
    """Run practice.sql once and load the JSON it saved."""
    out = tmp_path / "results.json"
    assert run([committed_database_url, "--out", str(out)]) == 0
    loaded: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return loaded


def columns_of(url: str, table: str) -> dict[str, str | None]:
    """The columns of a table, in order, with their DEFAULT expressions."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT column_name, column_default FROM information_schema.columns "
                    "WHERE table_schema = 'public' AND table_name = :table "
                    "ORDER BY ordinal_position"
                ),
                {"table": table},
            )
            return {name: default for name, default in rows}
    finally:
        engine.dispose()


def test_script_creates_five_users_and_commits_them(
    results: dict[str, Any], committed_database_url: str
) -> None:
    users = rows_of(results, "all_users")
    stored = scalar(committed_database_url, "SELECT count(*) FROM users")
    assert len(users) == 5, f"Called SELECT * FROM users. Got {len(users)} rows, expected 5"
    assert stored == 5, f"Called count(*) after the run. Got {stored}, expected 5 committed users"
    assert all(user["created_at"] for user in users), "Called all_users. Got an empty created_at"


def test_users_table_has_the_four_columns_and_postgres_sets_created_at(
    results: dict[str, Any], committed_database_url: str
) -> None:
    columns = columns_of(committed_database_url, "users")
    expected = ["id", "email", "name", "created_at"]
    default = str(columns.get("created_at") or "")
    assert list(columns) == expected, (
        f"Called practice.sql. Got columns {list(columns)}, {expected}"
    )
    assert "now()" in default or "CURRENT_TIMESTAMP" in default.upper(), (
        f"Called practice.sql. Got created_at DEFAULT {default!r}, expected now()"
    )


def test_where_query_returns_exactly_the_matching_users(results: dict[str, Any]) -> None:
    everyone = rows_of(results, "all_users")
    expected = [user["email"] for user in everyone if user["email"].endswith("@example.org")]
    got = [user["email"] for user in rows_of(results, "users_at_example_org")]
    assert got == expected, f"Called the WHERE query. Got {got}, expected {expected}"
    assert 0 < len(got) < len(everyone), "Called the WHERE query. Got no filtering at all"


def test_join_pairs_every_post_with_its_author(
    results: dict[str, Any], committed_database_url: str
) -> None:
    posts = rows_of(results, "posts_with_authors")
    names = {user["name"] for user in rows_of(results, "all_users")}
    stored = scalar(committed_database_url, "SELECT count(*) FROM posts")
    assert len(posts) == stored, f"Called the JOIN. Got {len(posts)} rows, expected {stored}"
    strangers = [post["author"] for post in posts if post["author"] not in names]
    assert not strangers, f"Called the JOIN. Got authors {strangers}, expected only known users"


def test_update_and_delete_took_effect(results: dict[str, Any]) -> None:
    titles = [post["title"] for post in rows_of(results, "posts_with_authors")]
    names = [user["name"] for user in rows_of(results, "all_users")]
    script = (PROJECT / "practice.sql").read_text(encoding="utf-8")
    kinds = [statement.sql.split()[0].upper() for statement in run_sql.split_statements(script)]
    assert "DELETE" in kinds, f"Called practice.sql. Got statements {kinds}, expected a DELETE"
    assert not [t for t in titles if t.startswith("Draft:")], f"Got {titles}, expected no drafts"
    assert "Rear Admiral Grace Hopper" in names, f"Called UPDATE. Got {names}, expected new name"


def test_left_join_counts_posts_for_every_user_even_those_without_any(
    results: dict[str, Any],
) -> None:
    counts = {row["name"]: row["post_count"] for row in rows_of(results, "post_count_per_user")}
    posts = rows_of(results, "posts_with_authors")
    expected = {user["name"]: 0 for user in rows_of(results, "all_users")}
    for post in posts:
        expected[post["author"]] += 1
    assert counts == expected, f"Called post_count_per_user. Got {counts}, expected {expected}"
    assert 0 in counts.values(), f"Got counts {counts}, expected a user without posts (count 0)"


def test_script_can_be_run_twice_with_the_same_result(
    committed_database_url: str, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run([committed_database_url, "--out", str(first)]) == 0
    assert run([committed_database_url, "--out", str(second)]) == 0
    before = json.loads(first.read_text(encoding="utf-8"))["post_count_per_user"]
    after = json.loads(second.read_text(encoding="utf-8"))["post_count_per_user"]
    assert after == before, f"Called the script twice. Got {after}, expected {before}"


def test_url_is_read_from_database_url_when_no_argument_is_given(
    committed_database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", committed_database_url)
    out = tmp_path / "results.json"
    status = run(["--out", str(out)])
    assert status == 0, f"Called run_sql with DATABASE_URL set. Got exit {status}, expected 0"
    assert out.exists(), "Called run_sql with DATABASE_URL set. Got no results file"


def test_database_option_runs_the_script_in_that_database(
    committed_database_url: str, tmp_path: Path
) -> None:
    url = sa.make_url(committed_database_url)
    elsewhere = url.set(database="fastapi_db").render_as_string(hide_password=False)
    argv = [elsewhere, "--database", str(url.database), "--out", str(tmp_path / "out.json")]
    status = run(argv)
    stored = scalar(committed_database_url, "SELECT count(*) FROM users")
    assert status == 0, f"Called run_sql --database {url.database}. Got exit {status}, 0"
    assert stored == 5, f"Called run_sql --database {url.database}. Got {stored} users, 5"


@pytest.mark.hint("Declare users.email UNIQUE: PostgreSQL then refuses a second user with it.")
def test_a_duplicate_email_is_refused_and_the_whole_script_rolls_back(
    committed_database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    practice = (PROJECT / "practice.sql").read_text(encoding="utf-8")
    duplicate = "INSERT INTO users (email, name) SELECT email, 'Twin' FROM users LIMIT 1;"
    script = tmp_path / "practice_plus_duplicate.sql"
    script.write_text(f"{practice}\n{duplicate}\n", encoding="utf-8")
    last = len(run_sql.split_statements(practice)) + 1
    out = tmp_path / "results.json"
    out.write_text("previous results\n", encoding="utf-8")
    status = run([committed_database_url, "--sql", str(script), "--out", str(out)])
    error = capsys.readouterr().err
    tables = scalar(
        committed_database_url, "SELECT count(*) FROM pg_tables WHERE tablename='users'"
    )
    assert status == 1, f"Called practice.sql plus a duplicate email. Got exit {status}, 1"
    assert "duplicate key" in error, f"Got {error!r}, expected PostgreSQL's unique violation"
    assert f"statement {last} (line" in error, f"Got {error!r}, expected statement {last}"
    assert error.count("\n") == 1, f"Called practice.sql plus a duplicate. Got {error!r}, one line"
    assert tables == 0, f"Called a failing script. Got {tables} users tables, expected rollback"
    assert out.read_text(encoding="utf-8") == "previous results\n", "Got results file overwritten"


def test_unreachable_server_is_one_line_with_the_password_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql://learner:s3cret@127.0.0.1:1/fastapi_db"
    status = run([url, "--out", str(tmp_path / "results.json")])
    error = capsys.readouterr().err
    assert status == 1, f"Called run_sql on a closed port. Got exit {status}, expected 1"
    assert error.startswith("error: could not connect to"), f"Got {error!r}, expected the cause"
    assert error.count("\n") == 1, f"Called run_sql on a closed port. Got {error!r}, one line"
    assert "s3cret" not in error, f"Called run_sql on a closed port. Got {error!r}, password shown"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "no database URL"),
        (["not a url"], "not a database URL"),
        (["mysql://root@localhost/db"], "expected a postgresql:// URL"),
        (["postgresql://localhost/db", "--sql", "missing.sql"], "cannot read missing.sql"),
    ],
)
def test_bad_arguments_give_a_one_line_error(
    argv: list[str],
    expected: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    status = run(argv)
    error = capsys.readouterr().err
    assert status == 1, f"Called run_sql {argv}. Got exit {status}, expected 1"
    assert expected in error, f"Called run_sql {argv}. Got {error!r}, expected {expected!r}"
    assert error.count("\n") == 1, f"Called run_sql {argv}. Got {error!r}, expected one line"


@pytest.mark.parametrize(
    ("raw", "driver"),
    [
        ("postgresql://learner:s3cret@localhost/fastapi_db", "postgresql+psycopg2"),
        ("postgresql+psycopg://learner@localhost/fastapi_db", "postgresql+psycopg"),
    ],
)
def test_parse_url_picks_psycopg2_for_a_bare_postgresql_url(raw: str, driver: str) -> None:
    url = run_sql.parse_url(raw)
    got = (url.drivername, url.database)
    assert got == (driver, "fastapi_db"), f"Called parse_url({raw!r}). Got {got}, {driver}"


@pytest.mark.hint("Run the runner once (see Run and check): it writes results.json.")
def test_saved_results_json_holds_the_four_named_result_sets() -> None:
    saved = json.loads((PROJECT / "results.json").read_text(encoding="utf-8"))
    names = ["all_users", "users_at_example_org", "posts_with_authors", "post_count_per_user"]
    missing = [name for name in names if name not in saved]
    assert not missing, f"Read results.json. Got {sorted(saved)}, expected also {missing}"
    users = len(saved["all_users"]["rows"])
    assert users == 5, f"Read results.json. Got {users} rows in all_users, expected 5"


def test_command_line_runs_the_script_without_a_traceback(
    committed_database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "run_sql.py", committed_database_url, "--out", str(out)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, f"Called python run_sql.py. Got {done.stderr!r}, expected exit 0"
    assert "result sets to" in done.stdout, f"Got {done.stdout!r}, expected a summary"
    saved = sorted(json.loads(out.read_text(encoding="utf-8")))
    assert "post_count_per_user" in saved, f"Called python run_sql.py. Got result sets {saved}"
