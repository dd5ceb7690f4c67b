"""?sort= and ?order=: whitelisted columns, id as the tie-break, stable pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.helpers import NOON, add_post, call, get_posts, status_of, titles

pytestmark = pytest.mark.day(30)


def test_default_order_is_newest_first(client: TestClient, db_session: Session) -> None:
    for days, title in [(0, "Old"), (2, "New"), (1, "Middle")]:
        add_post(db_session, title, created_at=NOON + timedelta(days=days))
    got = titles(client)
    assert got == ["New", "Middle", "Old"], f"Called GET /posts. Got {got}, expected newest first"


@pytest.mark.hint("Order by the sort column, then by id in the same direction.")
@pytest.mark.parametrize("order", ["asc", "desc"])
def test_equal_sort_values_are_ordered_by_id(
    client: TestClient, db_session: Session, order: str
) -> None:
    ids = [add_post(db_session, "Same title").id for _ in range(4)]
    # An UPDATE writes a new row version at the end of the table: without the id tie-break,
    # PostgreSQL returns equal rows in whatever order it reads them.
    db_session.execute(text("UPDATE posts SET content = 'edited' WHERE id = :id"), {"id": ids[0]})
    expected = sorted(ids, reverse=order == "desc")
    for sort in ("created_at", "title"):
        params = {"sort": sort, "order": order}
        got = [post["id"] for post in get_posts(client, **params)]
        assert got == expected, f"Called {call(params)}. Got ids {got}, expected {expected}"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"sort": "title", "order": "asc"}, ["alpha", "beta", "gamma"]),
        ({"sort": "title", "order": "desc"}, ["gamma", "beta", "alpha"]),
        ({"sort": "created_at", "order": "asc"}, ["gamma", "alpha", "beta"]),
        ({"sort": "id", "order": "asc"}, ["beta", "gamma", "alpha"]),
    ],
)
def test_sort_and_order_choose_column_and_direction(
    client: TestClient, db_session: Session, params: dict[str, str], expected: list[str]
) -> None:
    # Inserted beta, gamma, alpha (ids ascending), created gamma < alpha < beta.
    for days, title in [(2, "beta"), (0, "gamma"), (1, "alpha")]:
        add_post(db_session, title, created_at=NOON + timedelta(days=days))
    got = titles(client, **params)
    assert got == expected, f"Called {call(params)}. Got {got}, expected {expected}"


def test_pages_with_equal_timestamps_neither_repeat_nor_skip_a_post(
    client: TestClient, db_session: Session
) -> None:
    ids = {add_post(db_session, f"Post {n}").id for n in range(5)}
    pages = [get_posts(client, limit=2, offset=offset) for offset in (0, 2, 4)]
    seen = [post["id"] for page in pages for post in page]
    expected = sorted(ids, reverse=True)
    assert seen == expected, (
        f"Called GET /posts?limit=2 with offset 0, 2, 4. Got ids {seen}, expected {expected}"
    )


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "password"},
        {"sort": "author_id"},
        {"sort": "created_at desc"},
        {"sort": "title; DROP TABLE posts"},
        {"sort": ""},
        {"order": "up"},
        {"order": "DESC"},
        {"limit": "0"},
        {"limit": "101"},
        {"limit": "ten"},
        {"offset": "-1"},
        {"offset": "10001"},
    ],
)
def test_bad_sort_order_or_page_is_422_and_harmless(
    client: TestClient, db_session: Session, params: dict[str, str]
) -> None:
    status = status_of(client, **params)
    tables = db_session.execute(text("SELECT to_regclass('posts') IS NOT NULL")).scalar_one()
    assert status == 422, f"Called {call(params)}. Got {status}, expected 422"
    assert tables, f"Called {call(params)}. The posts table is gone"
