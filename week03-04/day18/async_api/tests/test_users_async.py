"""Day 18: the CRUD routes still behave the same once they are async."""

import inspect

import httpx
import pytest
from fastapi.routing import APIRoute

import external
import slow
import users
from main import create_app

pytestmark = [pytest.mark.day(18), pytest.mark.asyncio]

ADA = {"name": "Ada", "email": "ada@example.com", "age": 36}


@pytest.mark.hint("Copy day 17's route bodies into users.py: only the def becomes async def.")
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


async def test_every_route_answers_and_all_but_the_sync_demo_are_async(
    async_client: httpx.AsyncClient,
) -> None:
    # The app answers first (a stub would raise), then its endpoints are inspected.
    listed = await async_client.get("/users")
    assert listed.status_code == 200, f"Called GET /users. Got {listed.status_code}, expected 200"
    routes = [
        r for m in (users, slow, external) for r in m.router.routes if isinstance(r, APIRoute)
    ]
    operations = sum(len(methods) for methods in create_app().openapi()["paths"].values())
    assert len(routes) == operations, "Checked the routers. Some app route is in none of them"
    not_async = [r.path for r in routes if not inspect.iscoroutinefunction(r.endpoint)]
    assert not_async == ["/slow-sync"], (
        f"Checked every endpoint. Got non-async {not_async}, expected only /slow-sync"
    )
