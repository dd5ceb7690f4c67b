"""Day 26: when PostgreSQL is busy, gone, restarted or racing, clients get a JSON answer
(404, or 503 with Retry-After), never a 500. These tests commit for real, on databases of
their own, against the app's own pool."""

import asyncio
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import httpx2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text

from conftest import commit_sample_rows

pytestmark = [
    pytest.mark.day(26),
    pytest.mark.hint(
        "The engine (app/database.py) pings pooled connections and bounds statements; "
        "app/http_errors.py turns a busy or unreachable database into a 503 with Retry-After."
    ),
]

APP_CONNECTIONS = (
    "SELECT pid FROM pg_stat_activity "
    "WHERE datname = current_database() AND application_name = 'blog_api'"
)


@pytest.fixture
def sql(committed_database_url: str) -> Iterator[Engine]:
    """A plain engine on the test's database, for the other side of each race."""
    engine = create_engine(committed_database_url, isolation_level="AUTOCOMMIT")
    try:
        yield engine
    finally:
        engine.dispose()


def _app(url: str, **settings: Any) -> Any:
    from app.config import Settings
    from app.main import create_app

    return create_app(Settings(database_url=url, bcrypt_rounds=4, **settings))


def _client(app: Any) -> TestClient:
    """A client that hands back the app's answer, a 500 included, instead of raising."""
    return TestClient(app, raise_server_exceptions=False)


def _assert_unavailable(response: httpx2.Response, call: str) -> None:
    assert response.status_code == 503 and response.headers.get("retry-after"), (
        f"Called {call}. Got {response.status_code} {dict(response.headers)} {response.text}, "
        "expected 503 with Retry-After"
    )
    assert set(response.json()) == {"detail", "errors"}, (
        f"Called {call}. Got {response.text}, expected the API's error body"
    )


def _wait_for(engine: Engine, query: str, timeout: float = 10) -> None:
    """Poll `query` until it returns a row (the app has reached the state to test)."""
    deadline = time.monotonic() + timeout
    with engine.connect() as conn:
        while conn.execute(text(query)).first() is None:
            assert time.monotonic() < deadline, f"Called {query}. Got no row within {timeout} s"
            time.sleep(0.02)


@pytest.mark.parametrize(
    ("table", "kind", "changes"),
    [
        ("posts", "post", {"title": "Raced"}),
        ("comments", "comment", {"body": "Raced"}),
        ("users", "user", {"full_name": "Raced"}),
    ],
    ids=["post", "comment", "user"],
)
def test_a_patch_racing_a_delete_of_the_same_row_is_a_404_not_a_500(
    committed_database_url: str, sql: Engine, table: str, kind: str, changes: dict[str, str]
) -> None:
    row = commit_sample_rows(committed_database_url)[kind]
    answers: dict[str, httpx2.Response] = {}
    with _client(_app(committed_database_url)) as client, sql.connect() as other:
        deleting = other.execution_options(isolation_level="READ COMMITTED").begin()
        other.execute(text(f"DELETE FROM {table} WHERE id = :id"), {"id": row})

        def patch() -> None:
            answers["patch"] = client.patch(f"/{table}/{row}", json=changes)

        racer = threading.Thread(target=patch)
        racer.start()
        # The PATCH now waits for the DELETE's row lock; let the DELETE win.
        _wait_for(sql, APP_CONNECTIONS + " AND wait_event_type = 'Lock'")
        deleting.commit()
        racer.join(timeout=10)
    response = answers["patch"]
    expected = f"{kind.capitalize()} {row} not found"
    assert response.status_code == 404 and response.json()["detail"] == expected, (
        f"Called PATCH /{table}/{row} while a DELETE of it committed. Got "
        f"{response.status_code} {response.text}, expected 404 {expected}"
    )


def test_connections_dropped_by_a_database_restart_are_replaced_without_a_failed_request(
    committed_database_url: str, sql: Engine
) -> None:
    ids = commit_sample_rows(committed_database_url)
    with _client(_app(committed_database_url, db_pool_size=2)) as client:
        assert client.get(f"/posts/{ids['post']}").status_code == 200
        # A restart, as the app's pooled connections see it: their backends are gone.
        with sql.connect() as conn:
            killed = conn.execute(
                text(f"SELECT pg_terminate_backend(pid) FROM ({APP_CONNECTIONS}) a")
            )
            assert killed.all(), "Called pg_terminate_backend. Got no app connection to end"
        statuses = [client.get(f"/posts/{ids['post']}").status_code for _ in range(3)]
        statuses.append(client.patch(f"/users/{ids['user']}", json={"bio": "Back"}).status_code)
    assert statuses == [200] * 4, (
        f"Called 3 GETs and a PATCH right after the app's connections were terminated. Got "
        f"{statuses}, expected [200, 200, 200, 200] (pool_pre_ping replaces dead connections)"
    )


def test_an_exhausted_pool_answers_503_with_retry_after_then_recovers(
    committed_database_url: str,
) -> None:
    ids = commit_sample_rows(committed_database_url)
    app = _app(committed_database_url, db_pool_size=1, db_pool_timeout=0.2)
    with _client(app) as client:
        assert client.portal is not None

        async def take_the_only_connection() -> Any:
            return await app.state.engine.connect()

        held = client.portal.call(take_the_only_connection)
        try:
            answers = {call: client.get(call) for call in (f"/posts/{ids['post']}", "/posts")}
        finally:
            # Back to the pool even when a request failed: a connection left for the
            # garbage collector would be closed at a random later moment.
            client.portal.call(held.close)
        for call, answer in answers.items():
            _assert_unavailable(answer, f"GET {call} with the pool's one connection held")
        response = client.get(f"/posts/{ids['post']}")
    assert response.status_code == 200, (
        f"Called GET /posts/{{id}} after the connection came back. Got {response.status_code}, "
        "expected 200"
    )


def test_an_unreachable_database_answers_503_with_retry_after() -> None:
    # Port 1 refuses every connection, as a database that is down does.
    app = _app("postgresql://nobody@127.0.0.1:1/nothing", db_pool_timeout=0.5)
    body = {"username": "ada", "email": "ada@example.com", "password": "s3cret-pass"}
    with _client(app) as client:
        _assert_unavailable(client.get("/posts"), "GET /posts with the database down")
        _assert_unavailable(client.post("/users", json=body), "POST /users with the database down")


def test_a_search_past_the_statement_timeout_is_cancelled_with_a_503(
    committed_database_url: str, sql: Engine
) -> None:
    commit_sample_rows(committed_database_url)
    with sql.connect() as conn:  # 3 MB of text: reading all of it takes well over 5 ms
        conn.execute(
            text(
                "INSERT INTO posts (author_id, title, body) "
                "SELECT 1, 'Post ' || g, repeat('x', 1500) FROM generate_series(1, 2000) g"
            )
        )
    with _client(_app(committed_database_url, db_statement_timeout=0.005)) as client:
        # Two letters: too short for a trigram, so PostgreSQL reads every title and body.
        _assert_unavailable(client.get("/posts", params={"q": "zq"}), "GET /posts?q=zq")
    with sql.connect() as conn:
        running = conn.execute(text(APP_CONNECTIONS + " AND state = 'active'")).all()
    assert running == [], (
        f"Called pg_stat_activity after the timed-out search. Got {running} still active, "
        "expected the statement cancelled"
    )


def test_sixty_concurrent_requests_on_a_two_connection_pool_all_succeed(
    committed_database_url: str,
) -> None:
    ids = commit_sample_rows(committed_database_url)
    app = _app(committed_database_url, db_pool_size=2)

    async def burst() -> list[int]:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://test") as client,
        ):
            paths = [
                "/posts?limit=5",
                f"/posts/{ids['post']}",
                f"/users/{ids['user']}/posts",
                f"/posts/{ids['post']}/comments",
            ] * 15
            responses = await asyncio.wait_for(
                asyncio.gather(*(client.get(path) for path in paths)), timeout=20
            )
        return [response.status_code for response in responses]

    statuses = asyncio.run(burst())
    assert statuses == [200] * 60, (
        f"Called 60 concurrent GETs with a 2-connection pool. Got {sorted(set(statuses))}, "
        "expected 60 x 200 within 20 s"
    )
