"""Measure N concurrent calls to /slow, /slow-blocking and /slow-sync on a real uvicorn.

Run from the project folder: python bench.py [--calls 10] [--seconds 0.2]
The server runs in its own process (one uvicorn worker) so the client does not share its GIL.
"""

import argparse
import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from local_server import free_port

ENDPOINTS = ["/slow", "/slow-blocking", "/slow-sync"]


@contextmanager
def uvicorn_process(slow_seconds: float) -> Iterator[str]:
    """Start `uvicorn main:app` on a free port, yield its URL, stop it on exit."""
    port = free_port()
    env = os.environ | {"ASYNC_API_SLOW_SECONDS": str(slow_seconds)}
    command = [sys.executable, "-m", "uvicorn", "main:app", "--port", str(port)]
    server = subprocess.Popen([*command, "--log-level", "warning"], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{url}/users")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


async def time_calls(client: httpx.AsyncClient, path: str, calls: int) -> float:
    """Send calls requests to path at once; return the seconds until the last answer."""
    start = time.perf_counter()
    responses = await asyncio.gather(*(client.get(path) for _ in range(calls)))
    elapsed = time.perf_counter() - start
    if any(response.status_code != 200 for response in responses):
        raise RuntimeError(f"{path} answered {[r.status_code for r in responses]}")
    return elapsed


async def bench(base_url: str, calls: int) -> None:
    """Time each endpoint alone, then under concurrent calls, and print one row each."""
    async with httpx.AsyncClient(base_url=base_url, timeout=120) as client:
        await time_calls(client, "/slow", calls)  # warm up: open every connection once
        for path in ENDPOINTS:
            one = await time_calls(client, path, 1)
            many = await time_calls(client, path, calls)
            print(f"{path:<16}{one:>8.2f}s{many:>10.2f}s{one * calls / many:>9.1f}x")


def main() -> None:
    """Serve the app with uvicorn and print the timing table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10, help="concurrent requests")
    parser.add_argument("--seconds", type=float, default=0.2, help="sleep per request")
    args = parser.parse_args()

    with uvicorn_process(args.seconds) as base_url:
        print(f"{args.calls} concurrent calls, each sleeping {args.seconds} s, uvicorn 1 worker")
        print(f"{'endpoint':<16}{'1 call':>9}{f'{args.calls} calls':>11}{'speed-up':>10}")
        asyncio.run(bench(base_url, args.calls))


if __name__ == "__main__":
    main()
