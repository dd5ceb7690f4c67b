"""Day 18: awaiting lets requests overlap; blocking the event loop makes them queue."""

import asyncio
import inspect
import time

import httpx
import pytest
from fastapi.routing import APIRoute

import external
import slow
import users
from conftest import SLOW_SECONDS
from main import create_app

pytestmark = pytest.mark.day(18)

CALLS = 5


async def time_concurrent_calls(client: httpx.AsyncClient, path: str) -> float:
    """Fire CALLS requests to path at once; return the seconds until all have answered."""
    start = time.perf_counter()
    responses = await asyncio.gather(*(client.get(path) for _ in range(CALLS)))
    elapsed = time.perf_counter() - start
    assert all(r.status_code == 200 for r in responses), f"Called GET {path}. Not all 200"
    return elapsed


def test_every_route_except_the_sync_demo_is_async() -> None:
    routes = [
        r for m in (users, slow, external) for r in m.router.routes if isinstance(r, APIRoute)
    ]
    operations = sum(len(methods) for methods in create_app().openapi()["paths"].values())
    assert len(routes) == operations, "Checked the routers. Some app route is in none of them"
    not_async = [r.path for r in routes if not inspect.iscoroutinefunction(r.endpoint)]
    assert not_async == ["/slow-sync"], (
        f"Checked every endpoint. Got non-async {not_async}, expected only /slow-sync"
    )


@pytest.mark.asyncio
async def test_concurrent_awaiting_calls_finish_in_about_one_calls_time(
    async_client: httpx.AsyncClient,
) -> None:
    elapsed = await time_concurrent_calls(async_client, "/slow")
    # One call takes 0.2 s; in sequence five would take 1.0 s. Allow up to 0.6 s.
    assert elapsed < SLOW_SECONDS * 3, (
        f"Called GET /slow {CALLS} times at once. Got {elapsed:.2f} s, "
        f"expected about {SLOW_SECONDS} s (under {SLOW_SECONDS * 3:.1f} s)"
    )


@pytest.mark.asyncio
async def test_blocking_sleep_in_async_def_makes_concurrent_calls_queue(
    async_client: httpx.AsyncClient,
) -> None:
    elapsed = await time_concurrent_calls(async_client, "/slow-blocking")
    serial = SLOW_SECONDS * CALLS
    assert elapsed > serial * 0.9, (
        f"Called GET /slow-blocking {CALLS} times at once. Got {elapsed:.2f} s, "
        f"expected them to run one after another (about {serial:.1f} s)"
    )


@pytest.mark.asyncio
async def test_blocking_sleep_in_plain_def_runs_in_threads_and_overlaps(
    async_client: httpx.AsyncClient,
) -> None:
    elapsed = await time_concurrent_calls(async_client, "/slow-sync")
    assert elapsed < SLOW_SECONDS * 3, (
        f"Called GET /slow-sync {CALLS} times at once. Got {elapsed:.2f} s, "
        f"expected the thread pool to overlap them (under {SLOW_SECONDS * 3:.1f} s)"
    )
