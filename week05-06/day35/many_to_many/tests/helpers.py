"""Small helpers the day 35 tests share: create posts and tags, link them, through the API."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def create_post(client: TestClient, title: str) -> dict[str, Any]:
    """POST /posts and return the created post."""
    response = client.post("/posts", json={"title": title, "content": f"About {title}"})
    assert response.status_code == 201, f"Called POST /posts. Got {response.status_code}, 201"
    created: dict[str, Any] = response.json()
    return created


def create_tag(client: TestClient, name: str) -> dict[str, Any]:
    """POST /tags and return the created tag."""
    response = client.post("/tags", json={"name": name})
    assert response.status_code == 201, (
        f"Called POST /tags {{'name': {name!r}}}. Got {response.status_code} {response.text}, "
        "expected 201"
    )
    created: dict[str, Any] = response.json()
    return created


def add_tag(client: TestClient, post_id: int, tag_id: int) -> dict[str, Any]:
    """POST /posts/{post_id}/tags and return the post it answers with."""
    response = client.post(f"/posts/{post_id}/tags", json={"tag_id": tag_id})
    assert response.status_code == 200, (
        f"Called POST /posts/{post_id}/tags {{'tag_id': {tag_id}}}. "
        f"Got {response.status_code} {response.text}, expected 200"
    )
    post: dict[str, Any] = response.json()
    return post


def tagged_post(client: TestClient, title: str, *tag_ids: int) -> dict[str, Any]:
    """A new post carrying these tags."""
    post = create_post(client, title)
    for tag_id in tag_ids:
        post = add_tag(client, post["id"], tag_id)
    return post


def tag_names(post: dict[str, Any]) -> list[str]:
    """The names of a post's tags, in the order the API gave them."""
    return [tag["name"] for tag in post["tags"]]
