"""Day 52: edit:own_post lets authors edit their own posts; edit:post, anyone's."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.helpers import World

pytestmark = pytest.mark.day(52)

GRANT = "/admin/roles/user/permissions/{}"


def edit(client: TestClient, world: World, caller: str, owner: str) -> int:
    url = f"/posts/{world.posts[owner]}"
    response = client.patch(url, json={"title": "Edited"}, headers=world.headers(caller))
    return response.status_code


@pytest.mark.hint(
    "editable_post: edit:post edits any post; edit:own_post only when post.author_id is the user."
)
def test_an_author_edits_their_own_post_and_only_that_one(client: TestClient, world: World) -> None:
    url = f"/posts/{world.posts['user']}"
    response = client.patch(url, json={"title": "Edited"}, headers=world.headers("user"))
    assert response.status_code == 200 and response.json()["title"] == "Edited", (
        f"Called PATCH {url} as its author. Got {response.status_code} {response.text}"
    )
    response = client.patch(url, json={"body": "New body"}, headers=world.headers("user"))
    assert response.status_code == 200 and response.json()["body"] == "New body", (
        f"Called PATCH {url} {{'body': 'New body'}} as its author. Got {response.status_code} "
        f"{response.text}, expected the new body"
    )
    other = f"/posts/{world.posts['other']}"
    refused = client.patch(other, json={"title": "Edited"}, headers=world.headers("user"))
    assert refused.status_code == 403, (
        f"Called PATCH {other} (someone else's post) as a user. Got {refused.status_code}, "
        "expected 403"
    )
    assert refused.json() == {"detail": "You may edit only your own posts"}
    assert edit(client, world, "moderator", "other") == 200, "A moderator (edit:post) was refused"


def test_without_edit_own_post_an_author_cannot_edit_their_post(
    client: TestClient, world: World
) -> None:
    revoked = client.delete(GRANT.format("edit:own_post"), headers=world.headers("admin"))
    assert revoked.status_code == 204
    url = f"/posts/{world.posts['user']}"
    response = client.patch(url, json={"title": "Edited"}, headers=world.headers("user"))
    assert response.status_code == 403, (
        f"Revoked edit:own_post from user, then edited one's own post. Got {response.status_code}"
    )
    assert response.json() == {"detail": "Missing permission: edit:post or edit:own_post"}, (
        f"Called PATCH {url} without edit:post or edit:own_post. Got {response.json()}, "
        "expected the two names joined by ' or '"
    )


def test_edit_post_granted_to_users_lets_them_edit_any_post(
    client: TestClient, world: World
) -> None:
    granted = client.put(GRANT.format("edit:post"), headers=world.headers("admin"))
    assert granted.status_code == 204
    got = edit(client, world, "user", "other")
    assert got == 200, f"Granted edit:post to user, then edited someone else's post. Got {got}"


def test_an_edit_cannot_hand_the_post_to_someone_else(
    client: TestClient, db_session: Session, world: World
) -> None:
    url = f"/posts/{world.posts['user']}"
    response = client.patch(
        url, json={"author_id": world.users["other"]}, headers=world.headers("user")
    )
    author = db_session.execute(
        text("SELECT author_id FROM posts WHERE id = :id"), {"id": world.posts["user"]}
    ).scalar_one()
    assert (response.status_code, author) == (422, world.users["user"]), (
        f"Called PATCH {url} {{'author_id': <other>}}. Got {response.status_code} and author "
        f"{author}, expected 422 and the author unchanged"
    )


def test_editing_a_missing_post_is_404_for_those_who_may_edit(
    client: TestClient, world: World
) -> None:
    response = client.patch("/posts/999999", json={"title": "x"}, headers=world.headers("user"))
    assert response.status_code == 404, f"Got {response.status_code}, expected 404"
