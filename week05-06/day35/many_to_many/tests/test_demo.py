"""The demo: three posts, five tags, `python` shared; shown from both sides, run twice."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.demo import run_demo

pytestmark = pytest.mark.day(35)

EXPECTED = """\
Posts and their tags:
  Type hints in practice: python, typing
  FastAPI meets SQLAlchemy: fastapi, python, sql
  Indexes for tag lookups: postgres, sql
Tags and their posts:
  fastapi: FastAPI meets SQLAlchemy
  postgres: Indexes for tag lookups
  python: Type hints in practice, FastAPI meets SQLAlchemy
  sql: FastAPI meets SQLAlchemy, Indexes for tag lookups
  typing: Type hints in practice"""


def test_the_demo_shows_posts_with_several_tags_from_both_sides(db_session: Session) -> None:
    got = run_demo(db_session)
    assert got == EXPECTED, f"Called run_demo. Got:\n{got}\nexpected:\n{EXPECTED}"


def test_running_the_demo_twice_creates_nothing_new(db_session: Session) -> None:
    run_demo(db_session)
    again = run_demo(db_session)
    counts = [
        db_session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        for table in ("posts", "tags", "post_tags")
    ]
    assert again == EXPECTED, f"Called run_demo twice. Got:\n{again}"
    assert counts == [3, 5, 7], (
        f"Called run_demo twice. Got (posts, tags, links) {counts}, expected [3, 5, 7]"
    )
