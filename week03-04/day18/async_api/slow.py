"""Three ways to wait: which of them lets other requests run meanwhile?

Each endpoint waits slow_seconds(request) seconds, then answers 200 with
{"waited_seconds": <seconds>, "how": <how it waited>}.
"""

import asyncio
import time

from fastapi import APIRouter, Request

router = APIRouter(tags=["concurrency demo"])


def slow_seconds(request: Request) -> float:
    """How long each endpoint waits (settings.slow_seconds)."""
    seconds: float = request.app.state.settings.slow_seconds
    return seconds


@router.get("/slow")
async def slow(request: Request) -> dict[str, float | str]:
    """Simulate a database call the right way: await asyncio.sleep(slow_seconds) lets others run."""
    seconds = slow_seconds(request)
    await asyncio.sleep(seconds)
    return {"waited_seconds": seconds, "how": "await asyncio.sleep"}


@router.get("/slow-blocking")
async def slow_blocking(request: Request) -> dict[str, float | str]:
    """The classic mistake, on purpose: time.sleep inside async def blocks the event loop."""
    seconds = slow_seconds(request)
    time.sleep(seconds)  # deliberately wrong: this is what the demo measures
    return {"waited_seconds": seconds, "how": "time.sleep in async def"}


@router.get("/slow-sync")
def slow_sync(request: Request) -> dict[str, float | str]:
    """time.sleep in a plain def: FastAPI runs it in a worker thread, so calls overlap."""
    seconds = slow_seconds(request)
    time.sleep(seconds)
    return {"waited_seconds": seconds, "how": "time.sleep in def (thread pool)"}
