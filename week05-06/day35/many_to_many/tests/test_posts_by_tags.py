"""GET /tags/{id}/posts and GET /posts?tags=a,b: reading the relationship from either side."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app import crud
from app.models import Post, Tag
from tests.helpers import add_tag, create_post, create_tag, tag_names, tagged_post

pytestmark = pytest.mark.day(35)


def titles(posts: list[dict[str, Any]]) -> list[str]:
    """The titles of a list of posts, in order."""
    return [post["title"] for post in posts]


def ok(client: TestClient, path: str) -> list[dict[str, Any]]:
    """GET `path`; the body, after checking the status is 200."""
    response = client.get(path)
    assert response.status_code == 200, f"Called GET {path}. Got {response.status_code}, 200"
    body: list[dict[str, Any]] = response.json()
    return body


def test_tag_posts_lists_the_posts_with_that_tag_by_id(client: TestClient) -> None:
    python, sql = create_tag(client, "python"), create_tag(client, "sql")
    tagged_post(client, "First", python["id"])
    tagged_post(client, "SQL only", sql["id"])
    tagged_post(client, "Both", sql["id"], python["id"])
    got = ok(client, f"/tags/{python['id']}/posts")
    assert titles(got) == ["First", "Both"], f"Called GET /tags/{{id}}/posts. Got {titles(got)}"
    assert tag_names(got[1]) == ["python", "sql"], (
        f"Called GET /tags/{{id}}/posts. Got tags {tag_names(got[1])} on 'Both', expected all "
        "of its tags ['python', 'sql']"
    )


def test_tag_posts_pages_with_limit_and_offset(client: TestClient) -> None:
    tag = create_tag(client, "python")
    for n in range(5):
        tagged_post(client, f"Post {n}", tag["id"])
    got = titles(ok(client, f"/tags/{tag['id']}/posts?limit=2&offset=2"))
    assert got == ["Post 2", "Post 3"], f"Called GET /tags/{{id}}/posts?limit=2&offset=2. Got {got}"


def test_a_tag_without_posts_has_an_empty_list(client: TestClient) -> None:
    tag = create_tag(client, "python")
    create_post(client, "Untagged")
    got = ok(client, f"/tags/{tag['id']}/posts")
    assert got == [], f"Called GET /tags/{{id}}/posts for an unused tag. Got {got}, expected []"


def test_tag_posts_of_a_missing_tag_is_404(client: TestClient) -> None:
    response = client.get("/tags/424242/posts")
    assert response.status_code == 404, f"Called GET /tags/424242/posts. Got {response}"
    assert response.json() == {"detail": "Tag 424242 not found"}, f"Got {response.json()}"


@pytest.mark.hint("Posts having ALL the tags: GROUP BY post_id HAVING count(*) = number of tags.")
def test_posts_filtered_by_tags_have_all_of_them(client: TestClient) -> None:
    python, fastapi, sql = (create_tag(client, name) for name in ["python", "fastapi", "sql"])
    tagged_post(client, "Both", python["id"], fastapi["id"])
    tagged_post(client, "Python only", python["id"])
    tagged_post(client, "All three", python["id"], fastapi["id"], sql["id"])
    create_post(client, "Untagged")
    got = titles(ok(client, "/posts?tags=python,fastapi"))
    assert got == ["Both", "All three"], (
        f"Called GET /posts?tags=python,fastapi. Got {got}, expected ['Both', 'All three']"
    )


@pytest.mark.parametrize("tags", ["Python, FASTAPI", "python,fastapi,python"])
def test_tag_filter_ignores_case_spaces_and_repeats(client: TestClient, tags: str) -> None:
    python, fastapi = create_tag(client, "python"), create_tag(client, "fastapi")
    tagged_post(client, "Both", python["id"], fastapi["id"])
    tagged_post(client, "Python only", python["id"])
    got = titles(ok(client, f"/posts?tags={tags}"))
    assert got == ["Both"], f"Called GET /posts?tags={tags}. Got {got}, expected ['Both']"


def test_an_unknown_tag_in_the_filter_gives_an_empty_list(client: TestClient) -> None:
    tagged_post(client, "Tagged", create_tag(client, "python")["id"])
    got = ok(client, "/posts?tags=python,cobol")
    assert got == [], f"Called GET /posts?tags=python,cobol. Got {titles(got)}, expected []"


def test_without_tags_every_post_comes_with_its_tags(client: TestClient) -> None:
    tag = create_tag(client, "python")
    tagged = tagged_post(client, "Tagged", tag["id"])
    plain = create_post(client, "Plain")
    got = ok(client, "/posts")
    assert got == [tagged, plain], f"Called GET /posts. Got {got}, expected {[tagged, plain]}"


ELEVEN_TAGS = ",".join(f"t{n}" for n in range(11))


@pytest.mark.parametrize(
    "query",
    [
        "tags=",
        "tags=python,,sql",
        f"tags={'x' * 51}",
        "tags=a%20b",
        f"tags={ELEVEN_TAGS}",
        "limit=0",
        "limit=101",
        "offset=-1",
    ],
)
def test_a_bad_filter_is_422(client: TestClient, query: str) -> None:
    response = client.get(f"/posts?{query}")
    assert response.status_code == 422, f"Called GET /posts?{query}. Got {response.status_code}"


@pytest.mark.hint("ORDER BY posts.id, then LIMIT and OFFSET: PostgreSQL keeps no order otherwise.")
def test_pages_follow_post_ids_whatever_the_storage_order(
    client: TestClient, db_session: Session
) -> None:
    python = create_tag(client, "python")
    posts = [create_post(client, title) for title in ("A", "B", "C")]
    for post in reversed(posts):  # the links are stored C, B, A
        add_tag(client, post["id"], python["id"])
    # An UPDATE writes a new version of the row after the others: posts are stored B, C, A.
    db_session.execute(text("UPDATE posts SET title = 'A' WHERE id = :id"), {"id": posts[0]["id"]})
    ids = [post["id"] for post in posts]
    paths = ["/posts", f"/tags/{python['id']}/posts"]
    paths += [f"{path}?limit=1&offset=1" for path in paths]
    got = [[post["id"] for post in ok(client, path)] for path in paths]
    expected = [ids, ids, ids[1:2], ids[1:2]]
    assert got == expected, f"Called GET {paths}. Got ids {got}, expected {expected}"


@pytest.mark.parametrize("function", ["list_posts", "posts_with_tag"])
def test_crud_pages_default_to_the_first_20_posts(db_session: Session, function: str) -> None:
    tag = Tag(name="python")
    posts = [Post(title=f"Post {n}", content="", tags=[tag]) for n in range(21)]
    db_session.add_all(posts)
    db_session.flush()
    ids = [post.id for post in posts]
    page = (
        crud.list_posts(db_session)
        if function == "list_posts"
        else crud.posts_with_tag(db_session, tag.id)
    )
    got = [post.id for post in page]
    assert got == ids[:20], (
        f"Called crud.{function} without limit and offset on 21 posts. Got {got}"
    )
