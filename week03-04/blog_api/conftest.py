"""Wire the blog API into the journey plugin: its schema, its app, and a client whose
requests run in a transaction rolled back after each test.

The app is imported inside the fixtures, never at module level: day 25's tests need only
`app.database` and `app.models`, so they run before the rest of the app is written.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import pytest

if TYPE_CHECKING:
    from anyio.from_thread import BlockingPortal
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from sqlalchemy import Executable, MetaData
    from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

    from app.config import Settings

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


class RolledBackDatabase:
    """The test's own connection, inside an outer transaction that is rolled back after the
    test; sync test code reaches it through the client's event loop."""

    def __init__(self, portal: BlockingPortal, engine: AsyncEngine, connection: AsyncConnection):
        self.portal = portal
        self.engine = engine
        self.connection = connection

    def session(self) -> AsyncSession:
        """A session on the test's connection; its commits release a SAVEPOINT."""
        from sqlalchemy.ext.asyncio import AsyncSession

        return AsyncSession(
            bind=self.connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
        )

    def run(self, work: Callable[[AsyncSession], Awaitable[R]]) -> R:
        """`await work(session)` on the client's event loop, then flush; returns its result."""

        async def in_session() -> R:
            async with self.session() as session:
                result = await work(session)
                await session.flush()
                return result

        return self.portal.call(in_session)

    def scalar(self, statement: Executable) -> Any:
        """The first column of the first row of `statement`, as the app's requests see it."""

        async def scalar(session: AsyncSession) -> Any:
            return await session.scalar(statement)

        return self.run(scalar)


@pytest.fixture(scope="session")
def _client_and_connection(
    journey_app: FastAPI, async_database_url: str
) -> Iterator[tuple[TestClient, AsyncEngine, AsyncConnection]]:
    """One TestClient (lifespan run) and one connection on its event loop for the whole run:
    opening them costs more than most tests."""
    from fastapi.testclient import TestClient
    from sqlalchemy.ext.asyncio import create_async_engine
    from sqlalchemy.pool import NullPool

    engine = create_async_engine(async_database_url, poolclass=NullPool)

    async def close(connection: AsyncConnection) -> None:
        await connection.close()
        await engine.dispose()

    with TestClient(journey_app) as client:
        assert client.portal is not None
        connection = client.portal.call(engine.connect().start)
        try:
            yield client, engine, connection
        finally:
            client.portal.call(close, connection)


@pytest.fixture
def _api(
    journey_app: FastAPI,
    _client_and_connection: tuple[TestClient, AsyncEngine, AsyncConnection],
) -> Iterator[tuple[TestClient, RolledBackDatabase]]:
    """The client, with every session of its requests (reads and writes alike) joined to a
    transaction that is rolled back after the test; a commit releases a SAVEPOINT."""
    from sqlalchemy.ext.asyncio import async_sessionmaker

    from app.database import Sessions

    client, engine, connection = _client_and_connection
    assert client.portal is not None
    outer = client.portal.call(connection.begin().start)
    in_test_transaction = async_sessionmaker(
        bind=connection,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
        autoflush=False,
    )
    # The app's own factories (made by its lifespan) step aside for the test's.
    own_sessions = journey_app.state.sessions
    journey_app.state.sessions = Sessions(read=in_test_transaction, write=in_test_transaction)
    try:
        yield client, RolledBackDatabase(client.portal, engine, connection)
    finally:
        journey_app.state.sessions = own_sessions
        client.portal.call(outer.rollback)


@pytest.fixture
def client(_api: tuple[TestClient, RolledBackDatabase]) -> TestClient:
    """A TestClient on the app; everything its requests write is rolled back."""
    return _api[0]


@pytest.fixture
def database(_api: tuple[TestClient, RolledBackDatabase]) -> RolledBackDatabase:
    """The test's transaction, for reading what the requests wrote (or adding rows)."""
    return _api[1]


@pytest.fixture
def count_queries(
    count_queries: Callable[..., Any], database: RolledBackDatabase
) -> Callable[..., Any]:
    """The plugin's statement counter, watching the client's connection unless told."""

    def counting(target: Any = None) -> Any:
        return count_queries(target if target is not None else database.engine.sync_engine)

    return counting


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


async def add_sample_rows(session: AsyncSession) -> dict[str, int]:
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
    await session.flush()
    return {"user": ada.id, "post": posts[0].id, "comment": comments[0].id}


def commit_sample_rows(url: str) -> dict[str, int]:
    """add_sample_rows, committed, on the database at `url` (for tests with real commits)."""
    from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
    from sqlalchemy.pool import NullPool

    from app.config import Settings

    async def commit() -> dict[str, int]:
        engine = create_async_engine(Settings(database_url=url).database_url, poolclass=NullPool)
        try:
            async with AsyncSession(engine, expire_on_commit=False) as session:
                ids = await add_sample_rows(session)
                await session.commit()
                return ids
        finally:
            await engine.dispose()

    return asyncio.run(commit())


@pytest.fixture
def seeded_app(committed_database_url: str) -> FastAPI:
    """An app on a database of its own holding the demo rows; commits are real."""
    from app.config import Settings
    from app.main import create_app
    from seed_data import seed_database

    settings = Settings(database_url=committed_database_url, bcrypt_rounds=4)
    asyncio.run(seed_database(settings))
    return create_app(settings)
