"""The demo shows one user with several posts, loaded in exactly two SQL statements."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.orm import Session

from app.demo import DEMO_POSTS, main, run_demo

pytestmark = pytest.mark.day(24)


def test_demo_prints_the_user_with_every_post_and_the_selectin_query(db_session: Session) -> None:
    report = run_demo(db_session)
    header, *rest = report.splitlines()
    sql = [line for line in rest if line.startswith("  SELECT")]
    user = json.loads(report[report.index("{") :])
    titles = [post["title"] for post in user["posts"]]
    expected = [title for title, _ in DEMO_POSTS]
    assert titles == expected, f"Called run_demo. Got posts {titles}, expected {expected}"
    assert len(sql) == 2 and " IN (" in sql[1], f"Called run_demo. Got SQL {sql}, selectin"
    assert header.startswith("2 SQL statements"), f"Called run_demo. Got {header!r}"


def test_demo_run_twice_reuses_the_demo_user(db_session: Session) -> None:
    first = json.loads((report := run_demo(db_session))[report.index("{") :])
    second = json.loads((again := run_demo(db_session))[again.index("{") :])
    assert second["id"] == first["id"], f"Called run_demo twice. Got ids {first['id']}, {second}"
    assert first["name"] == "Ada Lovelace", f"Called run_demo. Got the demo user {first['name']!r}"
    assert len(second["posts"]) == len(DEMO_POSTS), f"Got {len(second['posts'])} posts"


def test_main_prints_one_line_without_a_database_and_the_report_with_one(
    committed_database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    missing = (main(), capsys.readouterr().err)
    monkeypatch.setenv("DATABASE_URL", "postgresql://learner:s3cret@127.0.0.1:1/nothing")
    refused = (main(), capsys.readouterr().err)
    monkeypatch.setenv("DATABASE_URL", committed_database_url)
    status, output = main(), capsys.readouterr().out
    expected = [
        (1, "error: DATABASE_URL is not set"),
        (1, "error: could not connect to postgresql+psycopg2://learner:***@127.0.0.1:1/nothing"),
    ]
    for (code, error), (want_code, start) in zip([missing, refused], expected, strict=True):
        assert code == want_code and error.startswith(start) and error.count("\n") == 1, (
            f"Called main() without a reachable database. Got {code} {error!r}, expected "
            f"{want_code} and one line starting {start!r}"
        )
    assert status == 0 and output.startswith("2 SQL statements"), (
        f"Called main() on a database. Got {status} {output!r}, expected 0 and the report"
    )
