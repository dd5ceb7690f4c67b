"""Users have posts: create them, read them nested, delete a user and their posts."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.helpers import create_post, create_user

pytestmark = pytest.mark.day(24)


def test_post_posts_returns_201_with_the_authors_id(client: TestClient) -> None:
    ada = create_user(client, "ada@example.com")
    post = create_post(client, ada["id"], "Notes")
    expected = {"id", "title", "content", "user_id", "created_at"}
    assert set(post) == expected, f"Called POST /posts. Got fields {sorted(post)}"
    assert post["user_id"] == ada["id"], f"Called POST /posts. Got {post['user_id']}, {ada['id']}"


def test_post_posts_for_an_unknown_user_returns_404_and_stores_nothing(
    client: TestClient, db_session: Session
) -> None:
    response = client.post("/posts", json={"title": "Orphan", "content": "", "user_id": 424242})
    rows = db_session.execute(text("SELECT count(*) FROM posts")).scalar_one()
    assert response.status_code == 404, f"Called POST /posts for user 424242. Got {response}"
    assert response.json() == {"detail": "User 424242 not found"}, f"Got {response.json()}"
    assert rows == 0, f"Called POST /posts for an unknown user. Got {rows} posts stored, 0"


@pytest.mark.parametrize(
    "body",
    [
        {"title": "  ", "user_id": 1},
        {"title": "No author"},
        {"title": "x" * 201, "user_id": 1},
        {"title": "Too big an id", "user_id": 2**31},
    ],
)
def test_post_posts_with_invalid_body_returns_422(
    client: TestClient, body: dict[str, object]
) -> None:
    response = client.post("/posts", json=body)
    assert response.status_code == 422, f"Called POST /posts {body}. Got {response.status_code}"


def test_get_user_returns_the_user_with_all_their_posts_in_order(client: TestClient) -> None:
    ada = create_user(client, "ada@example.com")
    alan = create_user(client, "alan@example.com")
    titles = ["First", "Second", "Third"]
    for title in titles:
        create_post(client, ada["id"], title)
    create_post(client, alan["id"], "Not Ada's")
    body = client.get(f"/users/{ada['id']}").json()
    got = [post["title"] for post in body["posts"]]
    assert body["email"] == "ada@example.com", f"Called GET /users/{{id}}. Got {body}"
    assert got == titles, f"Called GET /users/{{id}}. Got posts {got}, expected {titles}"


def test_get_user_posts_lists_only_that_users_posts(client: TestClient) -> None:
    ada = create_user(client, "ada@example.com")
    alan = create_user(client, "alan@example.com")
    mine = create_post(client, ada["id"], "Mine")
    create_post(client, alan["id"], "Theirs")
    response = client.get(f"/users/{ada['id']}/posts")
    assert response.json() == [mine], f"Called GET /users/{{id}}/posts. Got {response.json()}"


def test_user_without_posts_has_an_empty_list(client: TestClient) -> None:
    ada = create_user(client, "ada@example.com")
    nested = client.get(f"/users/{ada['id']}").json()["posts"]
    listed = client.get(f"/users/{ada['id']}/posts").json()
    assert (nested, listed) == ([], []), f"Called GET for a user with no posts. Got {nested}"


@pytest.mark.parametrize("path", ["/users/424242", "/users/424242/posts"])
def test_unknown_user_returns_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    got = (response.status_code, response.json())
    assert got == (404, {"detail": "User 424242 not found"}), (
        f"Called GET {path}. Got {got}, expected 404 'User 424242 not found'"
    )


def test_lists_page_through_users_and_posts_in_id_order(
    client: TestClient, db_session: Session
) -> None:
    users = [create_user(client, f"user{n}@example.com")["id"] for n in range(3)]
    posts = [create_post(client, user, f"Post {n}")["id"] for n, user in enumerate(users)]
    # An updated row moves to the end of its table: only ORDER BY id keeps id order.
    db_session.execute(text("UPDATE users SET name = 'Renamed' WHERE id = :id"), {"id": users[0]})
    db_session.execute(text("UPDATE posts SET title = 'Renamed' WHERE id = :id"), {"id": posts[0]})
    got = {
        path: [item["id"] for item in client.get(path).json()]
        for path in ("/users", "/users?skip=1&limit=1", "/posts", "/posts?skip=1&limit=1")
    }
    expected = {
        "/users": users,
        "/users?skip=1&limit=1": users[1:2],
        "/posts": posts,
        "/posts?skip=1&limit=1": posts[1:2],
    }
    assert got == expected, f"Called the two lists with and without a page. Got {got}"


def test_crud_lists_default_to_the_first_100(db_session: Session) -> None:
    from app import crud
    from app.schemas import PostCreate, UserCreate

    users = [
        crud.create_user(db_session, UserCreate(email=f"u{n}@example.com", name=f"User {n}"))
        for n in range(101)
    ]
    posts = [
        crud.create_post(db_session, PostCreate(title=f"Post {n}", user_id=users[0].id))
        for n in range(101)
    ]
    pages = [crud.list_users_with_posts(db_session), crud.list_posts_with_owners(db_session)]
    got = [(len(page), page[0].id) for page in pages]
    assert got == [(100, users[0].id), (100, posts[0].id)], (
        f"Called list_users_with_posts(db) and list_posts_with_owners(db) with 101 rows each. "
        f"Got (count, first id) {got}, expected 100 rows from the first: skip=0, limit=100"
    )


def test_get_posts_returns_each_post_with_its_owner(client: TestClient) -> None:
    ada = create_user(client, "ada@example.com", "Ada Lovelace")
    create_post(client, ada["id"], "Notes")
    owners = [post["owner"]["name"] for post in client.get("/posts").json()]
    assert owners == ["Ada Lovelace"], f"Called GET /posts. Got owners {owners}"


def test_duplicate_email_returns_409(client: TestClient) -> None:
    create_user(client, "ada@example.com")
    response = client.post("/users", json={"email": "ADA@example.com", "name": "Ada Again"})
    assert response.status_code == 409, f"Called POST /users twice. Got {response.status_code}"
    expected = {"detail": "A user with email ada@example.com already exists"}
    assert response.json() == expected, f"Called POST /users twice. Got {response.json()}"


def test_deleting_a_user_deletes_their_posts_by_cascade(
    client: TestClient, db_session: Session
) -> None:
    ada = create_user(client, "ada@example.com")
    alan = create_user(client, "alan@example.com")
    create_post(client, ada["id"], "Gone with Ada")
    create_post(client, alan["id"], "Stays")
    response = client.delete(f"/users/{ada['id']}")
    titles = db_session.scalars(text("SELECT title FROM posts")).all()
    again = client.delete(f"/users/{ada['id']}")
    assert response.status_code == 204, f"Called DELETE /users/{{id}}. Got {response.status_code}"
    assert titles == ["Stays"], f"Called DELETE /users/{{id}}. Got posts {titles}, ['Stays']"
    assert again.status_code == 404, f"Called DELETE twice. Got {again.status_code}, 404"
    expected = {"detail": f"User {ada['id']} not found"}
    assert again.json() == expected, f"Called DELETE twice. Got {again.json()}, {expected}"
