"""Day 18: awaiting lets requests overlap; blocking the event loop makes them queue."""

import asyncio
import time

import httpx
import pytest

from conftest import SLOW_SECONDS

pytestmark = pytest.mark.day(18)

CALLS = 5


async def time_concurrent_calls(client: httpx.AsyncClient, path: str) -> float:
    """Fire CALLS requests to path at once; return the seconds until all have answered."""
    start = time.perf_counter()
    responses = await asyncio.gather(*(client.get(path) for _ in range(CALLS)))
    elapsed = time.perf_counter() - start
    assert all(r.status_code == 200 for r in responses), f"Called GET {path}. Not all 200"
    return elapsed


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
