"""Eager loading: the number of SQL statements does not grow with the number of rows.

Each endpoint is measured on 2 rows and on 20 rows. The lists are where N+1 bites:
without selectinload, GET /users would issue one more query per user (lazy loading
of each user's posts), and without joinedload GET /posts one more per author. For a
single user the posts are one collection, so those endpoints must simply stay flat.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Post, User

pytestmark = pytest.mark.day(24)

Counter = Callable[..., Any]


def add_users(db: Session, count: int, posts_each: int, start: int = 0) -> list[int]:
    """Insert `count` users with `posts_each` posts each, straight through the ORM."""
    users = [
        User(
            email=f"user{n}@example.com",
            name=f"User {n}",
            posts=[Post(title=f"Post {n}.{p}", content="") for p in range(posts_each)],
        )
        for n in range(start, start + count)
    ]
    db.add_all(users)
    db.commit()
    return [user.id for user in users]


def measure(client: TestClient, db: Session, count_queries: Counter, path: str) -> tuple[int, Any]:
    """The statements one GET issues, and its body; nothing is served from the session cache."""
    db.expunge_all()
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200, f"Called GET {path}. Got {response.status_code}, 200"
    return counter.count, response.json()


def test_get_user_issues_the_same_queries_for_2_or_20_posts(
    client: TestClient, db_session: Session, count_queries: Counter
) -> None:
    few, many = add_users(db_session, 1, 2)[0], add_users(db_session, 1, 20, start=1)[0]
    few_count, few_body = measure(client, db_session, count_queries, f"/users/{few}")
    many_count, many_body = measure(client, db_session, count_queries, f"/users/{many}")
    assert (len(few_body["posts"]), len(many_body["posts"])) == (2, 20), "Got the wrong posts"
    assert many_count == few_count, (
        f"Called GET /users/{{id}} with 2 then 20 posts. Got {few_count} then {many_count} "
        "statements, expected the same count"
    )


def test_get_user_posts_issues_the_same_queries_for_2_or_20_posts(
    client: TestClient, db_session: Session, count_queries: Counter
) -> None:
    few, many = add_users(db_session, 1, 2)[0], add_users(db_session, 1, 20, start=1)[0]
    few_count, few_body = measure(client, db_session, count_queries, f"/users/{few}/posts")
    many_count, many_body = measure(client, db_session, count_queries, f"/users/{many}/posts")
    assert (len(few_body), len(many_body)) == (2, 20), "Called GET /users/{id}/posts. Wrong rows"
    assert many_count == few_count, (
        f"Called GET /users/{{id}}/posts with 2 then 20 posts. Got {few_count} then "
        f"{many_count} statements, expected the same count"
    )


def test_get_users_issues_the_same_queries_for_2_or_20_users(
    client: TestClient, db_session: Session, count_queries: Counter
) -> None:
    add_users(db_session, 2, 3)
    few_count, few_body = measure(client, db_session, count_queries, "/users")
    add_users(db_session, 18, 3, start=2)
    many_count, many_body = measure(client, db_session, count_queries, "/users")
    posts = sum(len(user["posts"]) for user in many_body)
    assert (len(few_body), len(many_body), posts) == (2, 20, 60), "Called GET /users. Wrong rows"
    assert many_count == few_count, (
        f"Called GET /users with 2 then 20 users. Got {few_count} then {many_count} "
        "statements, expected the same count"
    )


def test_get_posts_issues_the_same_queries_for_2_or_20_authors(
    client: TestClient, db_session: Session, count_queries: Counter
) -> None:
    add_users(db_session, 2, 1)
    few_count, few_body = measure(client, db_session, count_queries, "/posts")
    add_users(db_session, 18, 1, start=2)
    many_count, many_body = measure(client, db_session, count_queries, "/posts")
    owners = {post["owner"]["email"] for post in many_body}
    assert (len(few_body), len(owners)) == (2, 20), "Called GET /posts. Got the wrong owners"
    assert many_count == few_count, (
        f"Called GET /posts with 2 then 20 authors. Got {few_count} then {many_count} "
        "statements, expected the same count"
    )
