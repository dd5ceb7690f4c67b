"""Rows for the day 30 tests, written straight through the ORM, and a GET /posts shortcut."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Post, Tag, User

NOON = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)


def user(db: Session, username: str) -> User:
    """The user called `username`, created on first use."""
    found = db.scalars(select(User).where(User.username == username)).one_or_none()
    if found is None:
        found = User(username=username)
        db.add(found)
        db.flush()
    return found


def tag(db: Session, name: str) -> Tag:
    """The tag called `name`, created on first use."""
    found = db.scalars(select(Tag).where(Tag.name == name)).one_or_none()
    if found is None:
        found = Tag(name=name)
        db.add(found)
        db.flush()
    return found


def add_post(
    db: Session,
    title: str,
    content: str = "",
    *,
    author: str = "ada",
    created_at: datetime = NOON,
    tags: Iterable[str] = (),
) -> Post:
    """Insert one post and flush it, so it has an id; the session then forgets every object,
    so the API reads rows from PostgreSQL as a fresh request would, not from the session."""
    post = Post(
        title=title,
        content=content,
        author=user(db, author),
        created_at=created_at,
        tags=[tag(db, name) for name in tags],
    )
    db.add(post)
    db.flush()
    db.expunge_all()
    return post


def call(params: dict[str, Any]) -> str:
    """How a failure message names the request: GET /posts?search=100%25."""
    return f"GET /posts?{urlencode(params)}" if params else "GET /posts"


def get_posts(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    """GET /posts with these query parameters; the body, after checking the status is 200."""
    response = client.get("/posts", params=params)
    assert response.status_code == 200, (
        f"Called {call(params)}. Got {response.status_code} {response.text}, expected 200"
    )
    body: list[dict[str, Any]] = response.json()
    return body


def titles(client: TestClient, **params: Any) -> list[str]:
    """The titles GET /posts returns for these parameters, in the order returned."""
    return [post["title"] for post in get_posts(client, **params)]


def status_of(client: TestClient, **params: Any) -> int:
    """The status code of GET /posts with these query parameters."""
    return client.get("/posts", params=params).status_code
