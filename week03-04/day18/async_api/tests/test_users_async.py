"""Day 18: the CRUD routes still behave the same once they are async."""

import httpx
import pytest

pytestmark = [pytest.mark.day(18), pytest.mark.asyncio]

ADA = {"name": "Ada", "email": "ada@example.com", "age": 36}


async def test_create_read_and_delete_a_user(async_client: httpx.AsyncClient) -> None:
    created = await async_client.post("/users", json=ADA)
    read = await async_client.get("/users/1")
    deleted = await async_client.delete("/users/1")
    gone = await async_client.get("/users/1")
    statuses = [r.status_code for r in (created, read, deleted, gone)]
    assert statuses == [201, 200, 204, 404], (
        f"Called POST, GET, DELETE, GET on /users. Got {statuses}, expected [201, 200, 204, 404]"
    )
    assert read.json() == {"id": 1, **ADA}, f"Called GET /users/1. Got {read.json()}"


async def test_duplicate_email_is_409_and_patch_changes_one_field(
    async_client: httpx.AsyncClient,
) -> None:
    await async_client.post("/users", json=ADA)
    duplicate = await async_client.post("/users", json=ADA | {"name": "Other"})
    patched = await async_client.patch("/users/1", json={"age": 37})
    assert duplicate.status_code == 409, f"Called POST twice. Got {duplicate.status_code}"
    assert patched.json() == {"id": 1, **ADA, "age": 37}, (
        f"Called PATCH /users/1. Got {patched.json()}"
    )
