"""The demo shows one user with several posts, loaded in exactly two SQL statements."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.orm import Session

from app.demo import DEMO_POSTS, run_demo

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
    assert len(second["posts"]) == len(DEMO_POSTS), f"Got {len(second['posts'])} posts"
