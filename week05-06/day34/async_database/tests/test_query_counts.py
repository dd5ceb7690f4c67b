"""GET /users loads posts with selectinload: its statement count does not grow with the page.

Statements are counted with a `before_cursor_execute` listener on the async engine's
`sync_engine` (the harness's count_queries): SQLAlchemy's events are sync, and every
statement an AsyncEngine runs goes through its sync_engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.models import Post, User

pytestmark = [pytest.mark.day(34), pytest.mark.asyncio]

Counter = Callable[..., Any]


async def add_users(session: AsyncSession, count: int, start: int = 0) -> None:
    """`count` users with 3 posts each, straight through the ORM."""
    session.add_all(
        User(
            email=f"user{n}@example.com",
            name=f"User {n}",
            posts=[Post(title=f"Post {n}.{p}", content="") for p in range(3)],
        )
        for n in range(start, start + count)
    )
    await session.commit()
    session.expunge_all()  # nothing may come from the identity map


async def measure(
    client: httpx.AsyncClient, engine: AsyncEngine, count_queries: Counter
) -> tuple[list[str], list[Any]]:
    """The SQL statements one GET /users issues, and its body."""
    with count_queries(engine.sync_engine) as counter:
        response = await client.get("/users?limit=100")
    assert response.status_code == 200, f"Called GET /users. Got {response.status_code}, 200"
    return counter.statements, response.json()


@pytest.mark.hint("Load the posts with selectinload(User.posts) in the repository's query.")
async def test_get_users_issues_the_same_statements_for_2_or_20_users(
    async_client: httpx.AsyncClient,
    async_db_session: AsyncSession,
    async_engine: AsyncEngine,
    count_queries: Counter,
) -> None:
    await add_users(async_db_session, 2)
    few, few_body = await measure(async_client, async_engine, count_queries)
    await add_users(async_db_session, 18, start=2)
    many, many_body = await measure(async_client, async_engine, count_queries)
    posts = sum(len(user["posts"]) for user in many_body)
    assert (len(few_body), len(many_body), posts) == (2, 20, 60), "Called GET /users. Wrong rows"
    assert len(many) == len(few), (
        f"Called GET /users with 2 then 20 users. Got {len(few)} then {len(many)} statements, "
        "expected the same count"
    )
    # The users, then all their posts in one `WHERE user_id IN (...)` (or one JOIN).
    # The test's session adds SAVEPOINT / ROLLBACK TO SAVEPOINT around them.
    selects = [sql for sql in many if sql.lstrip().upper().startswith("SELECT")]
    assert len(selects) <= 2, f"Called GET /users. Got {len(selects)} SELECTs, expected at most 2"
