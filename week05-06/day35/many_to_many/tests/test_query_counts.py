"""The list endpoints send a fixed number of statements, however many posts and tags."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Post, Tag

pytestmark = pytest.mark.day(35)


def add_posts(db: Session, shared: Tag, start: int, stop: int) -> None:
    """Posts `start`..`stop - 1`, each with the shared tag and two tags of its own."""
    for n in range(start, stop):
        own = [Tag(name=f"own{n}a"), Tag(name=f"own{n}b")]
        db.add(Post(title=f"Post {n}", content="", tags=[shared, *own]))
    db.commit()
    db.expunge_all()  # the API must read from PostgreSQL, not from this session's cache


def statements(client: TestClient, count_queries: Callable[..., Any], path: str, posts: int) -> int:
    """How many SQL statements GET `path` sends; it must answer `posts` posts of 3 tags."""
    with count_queries() as counter:
        response = client.get(path)
    assert response.status_code == 200, f"Called GET {path}. Got {response.status_code}, 200"
    got = [len(post["tags"]) for post in response.json()]
    assert got == [3] * posts, f"Called GET {path}. Got posts with {got} tags, {posts} x 3"
    return int(counter.count)


@pytest.mark.hint("Load each page's tags with selectinload(Post.tags): one query for all posts.")
@pytest.mark.parametrize(
    "path", ["/posts?limit=100", "/posts?tags=shared&limit=100", "/tags/{tag_id}/posts?limit=100"]
)
def test_statements_do_not_grow_with_the_number_of_posts(
    client: TestClient, db_session: Session, count_queries: Callable[..., Any], path: str
) -> None:
    shared = Tag(name="shared")
    db_session.add(shared)
    db_session.commit()
    tag_id = shared.id
    path = path.format(tag_id=tag_id)
    add_posts(db_session, db_session.get_one(Tag, tag_id), 0, 2)
    few = statements(client, count_queries, path, 2)
    add_posts(db_session, db_session.get_one(Tag, tag_id), 2, 20)
    many = statements(client, count_queries, path, 20)
    assert many == few, (
        f"Called GET {path} with 2 then 20 posts of 3 tags each. Got {few} then {many} "
        "statements, expected the same count"
    )
