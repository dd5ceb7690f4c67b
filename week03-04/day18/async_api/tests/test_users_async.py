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
GRACE = {"name": "Grace", "email": "grace@example.com", "age": 45}
LINUS = {"name": "Linus", "email": "linus@example.com", "age": 28}
UNKNOWN_ID_CALLS = [("GET", None), ("PUT", ADA), ("PATCH", {"age": 40}), ("DELETE", None)]


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


async def test_ids_count_from_one_and_are_never_reused(async_client: httpx.AsyncClient) -> None:
    first = await async_client.post("/users", json=ADA)
    second = await async_client.post("/users", json=GRACE)
    await async_client.delete("/users/2")
    third = await async_client.post("/users", json=GRACE)
    ids = [r.json().get("id") for r in (first, second, third)]
    assert ids == [1, 2, 3], (
        f"Called POST, POST, DELETE /users/2, POST. Got ids {ids}, expected [1, 2, 3]"
    )


@pytest.mark.parametrize(("method", "body"), UNKNOWN_ID_CALLS, ids=[m for m, _ in UNKNOWN_ID_CALLS])
async def test_unknown_id_is_404_naming_the_user(
    async_client: httpx.AsyncClient, method: str, body: dict[str, object] | None
) -> None:
    response = await async_client.request(method, "/users/99", json=body)
    got = (response.status_code, response.json())
    assert got == (404, {"detail": "User 99 not found"}), (
        f"Called {method} /users/99. Got {got}, expected 404 'User 99 not found' (not_found)"
    )


async def test_put_replaces_every_field_and_refuses_another_users_email(
    async_client: httpx.AsyncClient,
) -> None:
    await async_client.post("/users", json=ADA)
    await async_client.post("/users", json=GRACE)
    replaced = await async_client.put("/users/1", json=LINUS)
    taken = await async_client.put("/users/2", json=ADA | {"email": "LINUS@example.com"})
    assert (replaced.status_code, replaced.json()) == (200, {"id": 1, **LINUS}), (
        f"Called PUT /users/1 with {LINUS}. Got {replaced.status_code} {replaced.json()}"
    )
    assert taken.status_code == 409 and "already registered" in taken.json()["detail"], (
        f"Called PUT /users/2 with user 1's email in capitals. Got {taken.status_code} "
        f"{taken.json()}, expected 409 'Email ... is already registered' (email_taken)"
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
