"""Shared data and steps of the permission tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from app.config import Settings
from app.models import Post, Role, User
from app.security import create_access_token

PASSWORD = "correct horse battery staple"

# What the data migration gives each role (days 51-52 README, "Seeded permissions").
SEEDED = {
    "user": {"create:post", "edit:own_post"},
    "moderator": {"create:post", "edit:own_post", "edit:post", "delete:post"},
    "admin": {
        "create:post",
        "edit:own_post",
        "edit:post",
        "delete:post",
        "manage:users",
        "manage:permissions",
    },
}

# The callers of the access matrix: anonymous sends no token; "other" owns the others' post.
CALLERS = ("anonymous", "user", "moderator", "admin")


def token_for(settings: Settings, user_id: int) -> str:
    """A valid access token for the user, signed the way POST /token signs them."""
    return create_access_token(user_id, settings=settings, now=datetime.now(UTC))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass(frozen=True)
class World:
    """One user per role plus "other" (a user), each with one post, and their tokens."""

    users: dict[str, int]
    posts: dict[str, int]
    tokens: dict[str, str]

    def headers(self, caller: str) -> dict[str, str]:
        """The caller's Authorization header; none for "anonymous"."""
        return bearer(self.tokens[caller]) if caller in self.tokens else {}


def build_world(db: Session, settings: Settings, password_hash: str) -> World:
    """Insert the users and posts (committed in the test's rolled-back transaction)."""
    roles = {
        "user": Role.USER,
        "moderator": Role.MODERATOR,
        "admin": Role.ADMIN,
        "other": Role.USER,
    }
    users = {
        name: User(email=f"{name}@example.com", hashed_password=password_hash, role=role)
        for name, role in roles.items()
    }
    db.add_all(users.values())
    db.flush()
    posts = {
        name: Post(author_id=user.id, title=f"{name}'s post", body="...")
        for name, user in users.items()
    }
    db.add_all(posts.values())
    db.flush()
    world = World(
        users={name: user.id for name, user in users.items()},
        posts={name: post.id for name, post in posts.items()},
        tokens={name: token_for(settings, user.id) for name, user in users.items()},
    )
    db.commit()
    return world
