"""Authors and tags come with the page in a fixed number of statements, never one per post."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.helpers import add_post

pytestmark = pytest.mark.day(30)


def statements_for(client: TestClient, count_queries: Callable[..., Any], query: str) -> int:
    """How many SQL statements GET /posts?<query> sends."""
    with count_queries() as counter:
        response = client.get(f"/posts?{query}")
    assert response.status_code == 200, f"Called GET /posts?{query}. Got {response.status_code}"
    return int(counter.count)


@pytest.mark.parametrize("query", ["limit=100", "tags=python&limit=100"])
def test_statements_do_not_grow_with_the_number_of_posts(
    client: TestClient, db_session: Session, count_queries: Callable[..., Any], query: str
) -> None:
    for n in range(2):
        add_post(db_session, f"Post {n}", author=f"author{n}", tags=["python", "sql", f"t{n}"])
    few = statements_for(client, count_queries, query)
    for n in range(2, 20):
        add_post(db_session, f"Post {n}", author=f"author{n}", tags=["python", "sql", f"t{n}"])
    many = statements_for(client, count_queries, query)
    assert many == few, (
        f"Called GET /posts?{query} with 2 then 20 posts, each with its own author and 3 tags. "
        f"Got {few} then {many} statements, expected the same count"
    )
