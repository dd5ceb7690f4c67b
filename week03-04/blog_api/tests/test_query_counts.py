"""Day 26: every list endpoint runs the same few SQL statements whatever the page size."""

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import PostFactory

pytestmark = [
    pytest.mark.day(26),
    pytest.mark.hint(
        "A list page is one statement: the page's rows with the total as a scalar subquery "
        "(fetch_page); build each row from it, never with a query per row."
    ),
]


# The test session wraps each request in a SAVEPOINT (rolled back with the test); those
# statements are the harness's, not the endpoint's.
HARNESS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def _app_statements(statements: list[str]) -> list[str]:
    return [s for s in statements if not s.lstrip().upper().startswith(HARNESS)]


def _statements(client: TestClient, count_queries: Callable[..., Any], url: str) -> int:
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200, f"Called GET {url}. Got {response.status_code}"
    return len(_app_statements(counter.statements))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/users", 1),
        ("/posts", 1),
        ("/posts?skip=1", 1),
        ("/posts?q=body&author_id={author}", 1),
        ("/users/{author}/posts", 2),
        ("/posts/{post}/comments", 2),
    ],
)
def test_list_endpoint_statement_count_does_not_grow_with_page_size(
    client: TestClient,
    make_post: PostFactory,
    count_queries: Callable[..., Any],
    path: str,
    expected: int,
) -> None:
    first = make_post(body="body text")
    author = first["author"]["id"]
    for _ in range(4):
        make_post(author_id=author, body="body text")
        client.post(f"/posts/{first['id']}/comments", json={"author_id": author, "body": "c"})
    url = path.format(author=author, post=first["id"])
    joiner = "&" if "?" in url else "?"
    small = _statements(client, count_queries, f"{url}{joiner}limit=1")
    large = _statements(client, count_queries, f"{url}{joiner}limit=100")
    assert small == large == expected, (
        f"Called GET {url} with limit=1 and limit=100. Got {small} and {large} statements, "
        f"expected {expected} both times (no per-row queries)"
    )


def test_cursor_pages_run_one_statement_without_count(
    client: TestClient, make_post: PostFactory, count_queries: Callable[..., Any]
) -> None:
    for _ in range(3):
        make_post()
    cursor = client.get("/posts?limit=1").json()["next_cursor"]
    with count_queries() as counter:
        client.get("/posts", params={"limit": 1, "cursor": cursor})
    statements = _app_statements(counter.statements)
    assert len(statements) == 1 and "count(" not in statements[0].lower(), (
        f"Called GET /posts?cursor=... Got {len(statements)} statements {statements}, "
        "expected one page query and no COUNT"
    )
