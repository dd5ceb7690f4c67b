"""Small helpers the day 24 tests share: create rows through the API."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def create_user(client: TestClient, email: str, name: str = "Someone") -> dict[str, Any]:
    """POST /users and return the created user."""
    response = client.post("/users", json={"email": email, "name": name})
    assert response.status_code == 201, f"Called POST /users. Got {response.status_code}, 201"
    created: dict[str, Any] = response.json()
    return created


def create_post(client: TestClient, user_id: int, title: str) -> dict[str, Any]:
    """POST /posts and return the created post."""
    body = {"title": title, "content": f"About {title}", "user_id": user_id}
    response = client.post("/posts", json=body)
    assert response.status_code == 201, f"Called POST /posts. Got {response.status_code}, 201"
    created: dict[str, Any] = response.json()
    return created
