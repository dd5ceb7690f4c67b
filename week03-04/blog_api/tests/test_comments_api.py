"""Day 26: comments under /posts/{id}/comments and /comments/{id}."""

import pytest
from fastapi.testclient import TestClient

from conftest import PostFactory, RolledBackDatabase, UserFactory

pytestmark = [
    pytest.mark.day(26),
    pytest.mark.hint(
        "These tests make their users and posts with POST /users and POST /posts: pass "
        "tests/test_users_api.py first."
    ),
]


def test_comment_on_a_post_is_201_and_listed_oldest_first(
    client: TestClient, make_user: UserFactory, make_post: PostFactory
) -> None:
    post, bob = make_post(), make_user(username="bob")
    made = []
    for text in ("first", "second"):
        response = client.post(
            f"/posts/{post['id']}/comments", json={"author_id": bob["id"], "body": text}
        )
        assert response.status_code == 201, (
            f"Called POST /posts/{{id}}/comments. Got {response.status_code}, expected 201"
        )
        made.append(response.json())
    assert made[0]["author"] == {"id": bob["id"], "username": "bob"}, (
        f"Called POST /posts/{{id}}/comments. Got author {made[0]['author']}, expected bob"
    )
    page = client.get(f"/posts/{post['id']}/comments").json()
    assert [c["body"] for c in page["items"]] == ["first", "second"] and page["total"] == 2, (
        f"Called GET /posts/{{id}}/comments. Got {page}, expected first, second; total 2"
    )


def test_comment_on_unknown_post_is_404(client: TestClient, make_user: UserFactory) -> None:
    body = {"author_id": make_user()["id"], "body": "hello"}
    for method in ("GET", "POST"):
        response = client.request(method, "/posts/999999/comments", json=body)
        assert response.status_code == 404, (
            f"Called {method} /posts/999999/comments. Got {response.status_code}, expected 404"
        )


def test_comment_by_unknown_author_is_422(client: TestClient, make_post: PostFactory) -> None:
    post = make_post()
    response = client.post(
        f"/posts/{post['id']}/comments", json={"author_id": 999999, "body": "hi"}
    )
    assert response.status_code == 422, (
        f"Called POST /posts/{{id}}/comments by author 999999. Got {response.status_code}, "
        "expected 422"
    )


def test_comment_can_be_read_edited_and_deleted(client: TestClient, make_post: PostFactory) -> None:
    post = make_post()
    created = client.post(
        f"/posts/{post['id']}/comments", json={"author_id": post["author"]["id"], "body": "v1"}
    ).json()
    url = f"/comments/{created['id']}"
    assert client.get(url).json() == created, f"Called GET {url}. Got a different comment"
    edited = client.patch(url, json={"body": "v2"}).json()
    assert edited["body"] == "v2" and edited["updated_at"] is not None, (
        f"Called PATCH {url} body=v2. Got {edited}, expected body v2 and updated_at set"
    )
    assert client.delete(url).status_code == 204, f"Called DELETE {url}. Expected 204"
    assert client.get(url).status_code == 404, f"Called GET {url} after delete. Expected 404"


def test_empty_or_unknown_field_comment_is_422(client: TestClient, make_post: PostFactory) -> None:
    post = make_post()
    url = f"/posts/{post['id']}/comments"
    author = post["author"]["id"]
    for body in ({"author_id": author, "body": " "}, {"author_id": author, "body": "x", "y": 1}):
        response = client.post(url, json=body)
        assert response.status_code == 422, (
            f"Called POST {url} with {body}. Got {response.status_code}, expected 422"
        )


def test_deleting_a_post_deletes_its_comments(client: TestClient, make_post: PostFactory) -> None:
    post = make_post()
    comment = client.post(
        f"/posts/{post['id']}/comments", json={"author_id": post["author"]["id"], "body": "x"}
    ).json()
    client.delete(f"/posts/{post['id']}")
    response = client.get(f"/comments/{comment['id']}")
    assert response.status_code == 404, (
        f"Called GET /comments/{{id}} after deleting its post. Got {response.status_code}, "
        "expected 404 (ON DELETE CASCADE)"
    )


@pytest.mark.parametrize("gone", ["post", "author"])
def test_a_comment_whose_post_or_author_is_deleted_before_the_flush_is_refused(
    database: RolledBackDatabase, make_post: PostFactory, make_user: UserFactory, gone: str
) -> None:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.crud import comment as comment_crud
    from app.errors import NotFound, UnknownAuthor
    from app.models import Comment, User

    post_id, author_id = make_post()["id"], make_user()["id"]
    table, row = ("posts", post_id) if gone == "post" else ("users", author_id)

    async def comment_too_late(session: AsyncSession) -> None:
        author = await session.get(User, author_id)
        # Another request deletes the row between the load and the flush.
        await session.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": row})
        await comment_crud.save(session, Comment(post_id=post_id, author=author, body="Late."))

    expected = NotFound("Post", post_id) if gone == "post" else UnknownAuthor(author_id)
    with pytest.raises(type(expected)) as refused:
        database.run(comment_too_late)
    assert str(refused.value) == str(expected), (
        f"Called comment_crud.save after the {gone} was deleted. Got {refused.value!r}, "
        f"expected {expected!r}"
    )


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_unknown_comment_is_404(client: TestClient, method: str) -> None:
    response = client.request(method, "/comments/999999", json={"body": "x"})
    got = (response.status_code, response.json())
    assert got == (404, {"detail": "Comment 999999 not found", "errors": []}), (
        f"Called {method} /comments/999999. Got {got}, expected 404 'Comment 999999 not found'"
    )
