"""Wire the blog API into the journey plugin: its schema, its app, its get_db dependency.

The app is imported inside the fixtures, never at module level: day 25's tests need only
`app.database` and `app.models`, so they run before the rest of the app is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import pytest

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from sqlalchemy import Connection, MetaData
    from sqlalchemy.orm import Session

    from app.config import Settings

P = ParamSpec("P")
R = TypeVar("R")


@pytest.fixture(scope="session")
def journey_schema() -> MetaData:
    """The plugin builds the test database's template from the models."""
    import app.models  # noqa: F401  (registers every table on Base.metadata)
    from app.database import Base

    return Base.metadata


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    """Settings for this run's database; bcrypt at 4 rounds keeps sign-ups fast."""
    from app.config import Settings

    return Settings(database_url=database_url, bcrypt_rounds=4)


@pytest.fixture(scope="session")
def journey_app(settings: Settings) -> FastAPI:
    """The app under test, built by the same factory production uses."""
    from app.main import create_app

    return create_app(settings)


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Any]:
    """The dependency the plugin's client replaces with the test's rolled-back session."""
    from app.dependencies import get_db

    return get_db


class SessionReader:
    """Stands in for app.reads.Reader: runs the app's read functions on the test's
    rolled-back session, so reads see the test's uncommitted rows; the asyncpg Reader
    itself is exercised by test_concurrency and the seeded_app tests (real commits)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    async def run(
        self, work: Callable[Concatenate[Connection, P], R], /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run `work` on the session's connection, in the test's transaction."""
        return work(self._session.connection(), *args, **kwargs)


@pytest.fixture
def client(client: TestClient, db_session: Session) -> Iterator[TestClient]:
    """The plugin's client, with the read path also on the test's session."""
    from app.reads import get_reader

    app: FastAPI = client.app  # type: ignore[assignment]
    app.dependency_overrides[get_reader] = lambda: SessionReader(db_session)
    try:
        yield client
    finally:
        app.dependency_overrides.pop(get_reader, None)


UserFactory = Callable[..., dict[str, Any]]
PostFactory = Callable[..., dict[str, Any]]


@pytest.fixture
def make_user(client: TestClient) -> UserFactory:
    """Create a user through the API; unique names unless given."""
    counter = iter(range(1, 10_000))

    def create(**fields: Any) -> dict[str, Any]:
        n = next(counter)
        body = {
            "username": f"user{n}",
            "email": f"user{n}@example.com",
            "password": "s3cret-pass",
            **fields,
        }
        response = client.post("/users", json=body)
        assert response.status_code == 201, (
            f"Called POST /users. Got {response.status_code} {response.text}, expected 201"
        )
        return dict(response.json())

    return create


@pytest.fixture
def make_post(client: TestClient, make_user: UserFactory) -> PostFactory:
    """Create a post through the API, by a new user unless author_id is given."""

    def create(**fields: Any) -> dict[str, Any]:
        if "author_id" not in fields:
            fields["author_id"] = make_user()["id"]
        body = {"title": "A title", "body": "Some body text.", **fields}
        response = client.post("/posts", json=body)
        assert response.status_code == 201, (
            f"Called POST /posts. Got {response.status_code} {response.text}, expected 201"
        )
        return dict(response.json())

    return create


def add_sample_rows(session: Session) -> dict[str, int]:
    """Two users, three posts and three comments written with the ORM (day 25's models,
    not day 28's seed script); flushed, not committed. Returns ids to request."""
    from app.models import Comment, Post, User

    ada = User(username="ada", email="ada@example.com", hashed_password="not-a-real-hash")
    bob = User(username="bob", email="bob@example.com", hashed_password="not-a-real-hash")
    posts = [
        Post(author=ada, title="Engines", body="Looms and cards."),
        Post(author=ada, title="Numbers", body="Bernoulli, step by step."),
        Post(author=bob, title="Compilers", body="Programs writing programs."),
    ]
    comments = [
        Comment(post=posts[0], author=bob, body="Lovely analogy."),
        Comment(post=posts[0], author=ada, body="Thank you."),
        Comment(post=posts[2], author=ada, body="I approve."),
    ]
    session.add_all([ada, bob, *posts, *comments])
    session.flush()
    return {"user": ada.id, "post": posts[0].id, "comment": comments[0].id}


@pytest.fixture
def seeded_app(committed_database_url: str) -> Iterator[FastAPI]:
    """An app on a database of its own holding the demo rows; commits are real."""
    from app.config import Settings
    from app.main import create_app
    from seed_data import seed_database

    settings = Settings(database_url=committed_database_url, bcrypt_rounds=4)
    app = create_app(settings)
    seed_database(app.state.engine, settings)
    try:
        yield app
    finally:
        app.state.engine.dispose()
