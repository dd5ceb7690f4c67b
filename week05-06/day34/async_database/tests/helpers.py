"""Helpers the day 34 tests share."""

from __future__ import annotations

from typing import Any

import httpx


async def create_user(client: httpx.AsyncClient, email: str, name: str = "Ada") -> dict[str, Any]:
    """POST /users and return the created user."""
    response = await client.post("/users", json={"email": email, "name": name})
    assert response.status_code == 201, f"Called POST /users. Got {response.status_code}, 201"
    created: dict[str, Any] = response.json()
    return created


async def create_post(client: httpx.AsyncClient, user_id: int, title: str) -> dict[str, Any]:
    """POST /users/{id}/posts and return the created post."""
    body = {"title": title, "content": f"About {title}"}
    response = await client.post(f"/users/{user_id}/posts", json=body)
    assert response.status_code == 201, (
        f"Called POST /users/{user_id}/posts. Got {response.status_code}, expected 201"
    )
    created: dict[str, Any] = response.json()
    return created
