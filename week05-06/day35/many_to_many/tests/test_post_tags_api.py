"""POST /posts/{id}/tags and DELETE /posts/{id}/tags/{tag_id}: link, unlink, idempotently."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app import crud
from app.schemas import PostCreate, TagCreate
from tests.helpers import add_tag, create_post, create_tag, tag_names, tagged_post

pytestmark = pytest.mark.day(35)

MISSING = 424242


def links(db: Session) -> int:
    """Rows in post_tags."""
    return int(db.execute(text("SELECT count(*) FROM post_tags")).scalar_one())


def test_adding_a_tag_returns_the_post_with_its_tags_by_name(client: TestClient) -> None:
    post = create_post(client, "Notes")
    sql, api = create_tag(client, "sql"), create_tag(client, "api")
    add_tag(client, post["id"], sql["id"])
    got = add_tag(client, post["id"], api["id"])
    expected = {**post, "tags": [api, sql]}
    assert got == expected, f"Called POST /posts/{{id}}/tags. Got {got}, expected {expected}"


def test_a_new_post_has_no_tags(client: TestClient) -> None:
    post = create_post(client, "Notes")
    assert post["tags"] == [], f"Called POST /posts. Got tags {post['tags']}, expected []"


@pytest.mark.hint("INSERT ... ON CONFLICT DO NOTHING, or check the link before adding it.")
def test_adding_the_same_tag_twice_is_harmless(client: TestClient, db_session: Session) -> None:
    post = create_post(client, "Notes")
    tag = create_tag(client, "python")
    first = add_tag(client, post["id"], tag["id"])
    second = add_tag(client, post["id"], tag["id"])
    assert second == first, f"Added a tag twice. Got {second} the second time, expected {first}"
    assert links(db_session) == 1, f"Added a tag twice. Got {links(db_session)} links, expected 1"


@pytest.mark.parametrize(
    ("post_exists", "tag_exists", "detail"),
    [
        (False, True, f"Post {MISSING} not found"),
        (True, False, f"Tag {MISSING} not found"),
        (False, False, f"Post {MISSING} not found"),
    ],
)
def test_adding_to_or_with_a_missing_row_is_404(
    client: TestClient, db_session: Session, post_exists: bool, tag_exists: bool, detail: str
) -> None:
    post_id = create_post(client, "Notes")["id"] if post_exists else MISSING
    tag_id = create_tag(client, "python")["id"] if tag_exists else MISSING
    response = client.post(f"/posts/{post_id}/tags", json={"tag_id": tag_id})
    call = f"POST /posts/{post_id}/tags {{'tag_id': {tag_id}}}"
    assert response.status_code == 404, f"Called {call}. Got {response.status_code}, expected 404"
    assert response.json() == {"detail": detail}, f"Called {call}. Got {response.json()}"
    assert links(db_session) == 0, f"Called {call}. Got {links(db_session)} links, expected 0"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/posts/1/tags", {}),
        ("/posts/1/tags", {"tag_id": 0}),
        ("/posts/1/tags", {"tag_id": 2**31}),
        ("/posts/1/tags", {"tag_id": "python"}),
        ("/posts/0/tags", {"tag_id": 1}),
        (f"/posts/{2**31}/tags", {"tag_id": 1}),
    ],
)
def test_bad_ids_are_422(client: TestClient, path: str, body: dict[str, object]) -> None:
    response = client.post(path, json=body)
    assert response.status_code == 422, f"Called POST {path} {body}. Got {response.status_code}"


def test_removing_a_tag_unlinks_it_from_that_post_only(client: TestClient) -> None:
    python, sql = create_tag(client, "python"), create_tag(client, "sql")
    mine = tagged_post(client, "Mine", python["id"], sql["id"])
    theirs = tagged_post(client, "Theirs", python["id"])
    response = client.delete(f"/posts/{mine['id']}/tags/{python['id']}")
    assert response.status_code == 204, (
        f"Called DELETE /posts/{{id}}/tags/{{tag_id}}. Got {response}"
    )
    mine_now = tag_names(client.get(f"/posts/{mine['id']}").json())
    theirs_now = tag_names(client.get(f"/posts/{theirs['id']}").json())
    all_tags = [tag["name"] for tag in client.get("/tags").json()]
    assert mine_now == ["sql"], f"Removed python from a post. Its tags are {mine_now}, ['sql']"
    assert theirs_now == ["python"], f"Removed python from another post. Got {theirs_now}"
    assert all_tags == ["python", "sql"], f"Removed a link. GET /tags gave {all_tags}: both stay"


def test_removing_a_tag_that_is_not_on_the_post_is_204(client: TestClient) -> None:
    post = create_post(client, "Notes")
    tag = create_tag(client, "python")
    for attempt in ("first", "second"):
        response = client.delete(f"/posts/{post['id']}/tags/{tag['id']}")
        assert response.status_code == 204, (
            f"Called DELETE /posts/{{id}}/tags/{{tag_id}} ({attempt} time, tag not on the "
            f"post). Got {response.status_code}, expected 204"
        )


@pytest.mark.parametrize(
    ("post_exists", "detail"),
    [(False, f"Post {MISSING} not found"), (True, "Tag 424242 not found")],
)
def test_removing_with_a_missing_post_or_tag_is_404(
    client: TestClient, post_exists: bool, detail: str
) -> None:
    post_id = create_post(client, "Notes")["id"] if post_exists else MISSING
    tag_id = MISSING if post_exists else create_tag(client, "python")["id"]
    response = client.delete(f"/posts/{post_id}/tags/{tag_id}")
    call = f"DELETE /posts/{post_id}/tags/{tag_id}"
    assert response.status_code == 404, f"Called {call}. Got {response.status_code}, expected 404"
    assert response.json() == {"detail": detail}, f"Called {call}. Got {response.json()}"


def test_get_post_returns_its_tags_and_404_when_missing(client: TestClient) -> None:
    tag = create_tag(client, "python")
    post = tagged_post(client, "Notes", tag["id"])
    got = client.get(f"/posts/{post['id']}").json()
    missing = client.get(f"/posts/{MISSING}")
    assert got == post, f"Called GET /posts/{{id}}. Got {got}, expected {post}"
    got_missing = (missing.status_code, missing.json())
    expected = (404, {"detail": f"Post {MISSING} not found"})
    assert got_missing == expected, f"Called GET /posts/{MISSING}. Got {got_missing}, {expected}"


@pytest.mark.hint("get_post: .execution_options(populate_existing=True) refreshes a post held.")
def test_a_session_that_read_a_post_gets_its_new_tags_back(db_session: Session) -> None:
    db_session.expire_on_commit = False  # as the app's sessions: objects outlive a commit
    post = crud.create_post(db_session, PostCreate(title="Notes"))
    python = crud.create_tag(db_session, TagCreate(name="python"))
    before = [tag.name for tag in crud.get_post(db_session, post.id).tags]
    added = [tag.name for tag in crud.add_tag_to_post(db_session, post.id, python.id).tags]
    crud.remove_tag_from_post(db_session, post.id, python.id)
    removed = [tag.name for tag in crud.get_post(db_session, post.id).tags]
    got = (before, added, removed)
    expected: tuple[list[str], ...] = ([], ["python"], [])
    assert got == expected, (
        f"Called get_post, add_tag_to_post, remove_tag_from_post then get_post in one session. "
        f"Got tags {got}, expected {expected}"
    )
