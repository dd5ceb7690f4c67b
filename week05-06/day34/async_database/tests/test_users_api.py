"""The async routes through httpx.AsyncClient, on the test's rolled-back AsyncSession."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from tests.helpers import create_post, create_user

pytestmark = [pytest.mark.day(34), pytest.mark.asyncio]


async def count_users(session: AsyncSession) -> int:
    return int(await session.scalar(text("SELECT count(*) FROM users")) or 0)


async def test_post_users_creates_and_stores_the_user(
    async_client: httpx.AsyncClient, async_db_session: AsyncSession
) -> None:
    response = await async_client.post("/users", json={"email": "Ada@Example.com", "name": "Ada"})
    assert response.status_code == 201, f"Called POST /users. Got {response.status_code}, 201"
    body = response.json()
    assert set(body) == {"id", "email", "name", "created_at"}, f"Got fields {sorted(body)}"
    stored = await async_db_session.scalar(
        text("SELECT email FROM users WHERE id = :id"), {"id": body["id"]}
    )
    assert stored == "ada@example.com", f"Called POST /users. Stored {stored!r}, ada@example.com"


@pytest.mark.hint("Commit in the unit of work, inside the use case: never in get_db.")
async def test_two_identical_posts_answer_201_then_409_and_store_one_user(
    async_client: httpx.AsyncClient, async_db_session: AsyncSession
) -> None:
    body = {"email": "ada@example.com", "name": "Ada"}
    first = await async_client.post("/users", json=body)
    second = await async_client.post("/users", json=body)
    expected = {"detail": "A user with email ada@example.com already exists"}
    got = (first.status_code, second.status_code, second.json())
    assert got == (201, 409, expected), f"Called POST /users twice. Got {got}, 201, 409 {expected}"
    assert await count_users(async_db_session) == 1, "Called POST /users twice. Got two rows"


async def test_get_user_returns_the_user_with_posts_in_id_order(
    async_client: httpx.AsyncClient,
) -> None:
    user = await create_user(async_client, "ada@example.com")
    first = await create_post(async_client, user["id"], "First")
    await create_post(async_client, user["id"], "Second")
    response = await async_client.get(f"/users/{user['id']}")
    assert response.status_code == 200, f"Called GET /users/id. Got {response.status_code}, 200"
    body = response.json()
    titles = [post["title"] for post in body["posts"]]
    assert titles == ["First", "Second"], f"Called GET /users/id. Got {titles}, First, Second"
    assert body["posts"][0] == first, f"Got {body['posts'][0]}, expected {first}"


async def test_get_an_unknown_user_is_404_and_an_id_out_of_range_422(
    async_client: httpx.AsyncClient,
) -> None:
    response = await async_client.get("/users/2147483647")
    expected = {"detail": "User 2147483647 not found"}
    assert (response.status_code, response.json()) == (404, expected), (
        f"Called GET /users/2147483647. Got {response.status_code} {response.json()}, 404"
    )
    for bad in ("0", "2147483648", "abc"):
        got = (await async_client.get(f"/users/{bad}")).status_code
        assert got == 422, f"Called GET /users/{bad}. Got {got}, expected 422"


async def test_list_users_returns_each_user_with_their_posts(
    async_client: httpx.AsyncClient,
) -> None:
    ada = await create_user(async_client, "ada@example.com")
    grace = await create_user(async_client, "grace@example.com", "Grace")
    await create_post(async_client, grace["id"], "Compilers")
    response = await async_client.get("/users")
    assert response.status_code == 200, f"Called GET /users. Got {response.status_code}, 200"
    got = [(user["id"], [post["title"] for post in user["posts"]]) for user in response.json()]
    expected = [(ada["id"], []), (grace["id"], ["Compilers"])]
    assert got == expected, f"Called GET /users. Got {got}, expected {expected}"
    page = (await async_client.get("/users?skip=1&limit=1")).json()
    assert [user["id"] for user in page] == [grace["id"]], f"Called skip=1&limit=1. Got {page}"


async def test_post_a_post_stores_it_and_an_unknown_author_is_404(
    async_client: httpx.AsyncClient, async_db_session: AsyncSession
) -> None:
    user = await create_user(async_client, "ada@example.com")
    post = await create_post(async_client, user["id"], "Notes")
    assert set(post) == {"id", "user_id", "title", "content", "created_at"}, f"Got {sorted(post)}"
    assert post["user_id"] == user["id"], f"Called POST /users/id/posts. Got {post['user_id']}"
    response = await async_client.post("/users/999/posts", json={"title": "Lost"})
    expected = {"detail": "User 999 not found"}
    assert (response.status_code, response.json()) == (404, expected), (
        f"Called POST /users/999/posts. Got {response.status_code} {response.json()}, 404"
    )
    rows = await async_db_session.scalar(text("SELECT count(*) FROM posts"))
    assert rows == 1, f"Called POST /users/id/posts then for 999. Got {rows} posts stored, 1"


@pytest.mark.hint("ORDER BY id, then OFFSET skip LIMIT limit: PostgreSQL keeps no order otherwise.")
async def test_list_users_pages_in_id_order_after_a_user_is_updated(
    async_client: httpx.AsyncClient, async_db_session: AsyncSession
) -> None:
    users = [await create_user(async_client, f"{name}@example.com") for name in ("a", "b", "c")]
    ids = [user["id"] for user in users]
    # An UPDATE writes a new version of the row after the others: storage order is b, c, a.
    await async_db_session.execute(
        text("UPDATE users SET name = 'Ada' WHERE id = :id"), {"id": ids[0]}
    )
    everyone = [user["id"] for user in (await async_client.get("/users")).json()]
    page = [user["id"] for user in (await async_client.get("/users?skip=1&limit=1")).json()]
    got = (everyone, page)
    assert got == (ids, ids[1:2]), (
        f"Called GET /users and GET /users?skip=1&limit=1 after updating the first user. "
        f"Got {got}, expected ({ids}, {ids[1:2]})"
    )
