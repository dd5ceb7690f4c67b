"""Sync vs async under concurrent load: the day's performance comparison.

    export DATABASE_URL=$(make -s db-url 34)        # from the repository root
    cd week05-06/day34/async_database && ../../../.venv/bin/python benchmark.py

Two servers run side by side, each a uvicorn process of its own on 127.0.0.1:
- sync:  a `def` route (FastAPI runs it in its thread pool of 40) that runs a SELECT on a
         psycopg2 Session, then waits with time.sleep(delay);
- async: an `async def` route that runs the same SELECT on this day's AsyncSession
         (make_engine / make_session_factory), then waits with await asyncio.sleep(delay).
The wait stands for I/O outside the database that a request waits on (a call to another
service). Both have a pool of POOL_SIZE connections, released before the wait. An httpx
client sends each scenario's requests with a fixed number in flight and prints requests/s,
latencies, and the server's CPU time per request (from /proc, on Linux). Nothing is written
to the database. The whole run is bounded (DEADLINE).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.database import (
    Base,
    DatabaseNotConfigured,
    get_settings,
    make_engine,
    make_session_factory,
)
from app.models import User

POOL_SIZE = 10
# httpx scans its whole connection pool for every request: one client with 200 connections
# spent ~10 ms of CPU per request here, more than either server. Small clients side by side
# keep the load generator out of the figures.
CONNECTIONS_PER_CLIENT = 10
DEADLINE = 120.0  # seconds for the whole run, servers included
HOST = "127.0.0.1"  # loopback only


@dataclass(frozen=True)
class Scenario:
    """`requests` GETs with `concurrency` in flight, each waiting `delay_ms` after its query."""

    name: str
    requests: int
    concurrency: int
    delay_ms: int


SCENARIOS = (
    Scenario("1 in flight, query + 100 ms wait", 10, 1, 100),
    Scenario("200 in flight, query + 1 s wait", 400, 200, 1000),
    Scenario("100 in flight, query only", 600, 100, 0),
)


def sync_url() -> str:
    """DATABASE_URL for psycopg2."""
    url = make_url(get_settings().database_url).set(drivername="postgresql+psycopg2")
    return url.render_as_string(hide_password=False)


def create_sync_app() -> FastAPI:
    """The sync side: uvicorn calls this factory in its own process."""
    engine = create_engine(sync_url(), pool_size=POOL_SIZE, max_overflow=0)
    app = FastAPI()

    @app.get("/work")
    def work(delay_ms: int = 0) -> dict[str, int]:
        with Session(engine) as session:
            rows = len(session.scalars(select(User).limit(10)).all())
        time.sleep(delay_ms / 1000)  # blocks this worker thread, not the others
        return {"rows": rows}

    return app


def create_async_app() -> FastAPI:
    """The async side, on this day's engine and session factory."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(pool_size=POOL_SIZE, max_overflow=0)
        app.state.session_factory = make_session_factory(engine)
        yield
        await engine.dispose()

    app = FastAPI(lifespan=lifespan)

    @app.get("/work")
    async def work(request: Request, delay_ms: int = 0) -> dict[str, int]:
        async with request.app.state.session_factory() as session:
            rows = len((await session.scalars(select(User).limit(10))).all())
        await asyncio.sleep(delay_ms / 1000)  # the event loop serves others meanwhile
        return {"rows": rows}

    return app


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    """A running uvicorn process: where it listens, and its process id."""

    base: str
    pid: int

    def cpu_seconds(self) -> float | None:
        """CPU time the server has used so far (all threads), from /proc; None elsewhere."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(factory: str) -> Iterator[Server]:
    """A uvicorn process serving `benchmark:<factory>`. Stopped on exit."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", f"benchmark:{factory}", "--factory"]
    command += ["--host", HOST, "--port", str(port), "--log-level", "warning", "--no-access-log"]
    # Idle keep-alive connections must outlive the longest wait between two requests.
    command += ["--timeout-keep-alive", "60"]
    process = subprocess.Popen(command, cwd=Path(__file__).parent, env=os.environ.copy())
    try:
        yield Server(f"http://{HOST}:{port}", process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


async def wait_until_up(client: httpx.AsyncClient, base: str) -> None:
    """Poll until the server answers (at most 20 s)."""
    for _ in range(200):
        try:
            if (await client.get(f"{base}/work")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise RuntimeError(f"{base} did not start within 20 s")


@dataclass(frozen=True)
class Result:
    seconds: float
    latencies: list[float]
    errors: int
    cpu_seconds: float | None

    def row(self, scenario: Scenario, side: str) -> str:
        ms = sorted(latency * 1000 for latency in self.latencies)
        p50 = statistics.median(ms)
        p95 = ms[min(len(ms) - 1, round(0.95 * len(ms)))]
        rate = scenario.requests / self.seconds
        cpu = "n/a" if self.cpu_seconds is None else f"{self.cpu_seconds * 1000 / len(ms):.1f}"
        return (
            f"| {scenario.name} | {side} | {scenario.requests} | {self.seconds:.1f} | {rate:,.0f} "
            f"| {p50:,.0f} | {p95:,.0f} | {cpu} | {self.errors} |"
        )


async def drive(clients: list[httpx.AsyncClient], target: Server, scenario: Scenario) -> Result:
    """Send the scenario's requests, `concurrency` in flight at a time, spread over the clients."""
    slots = asyncio.Semaphore(scenario.concurrency)
    latencies: list[float] = []
    errors = 0

    async def one(number: int) -> None:
        nonlocal errors
        client = clients[number % len(clients)]
        async with slots:
            started = time.perf_counter()
            params = {"delay_ms": scenario.delay_ms}
            response = await client.get(f"{target.base}/work", params=params)
            latencies.append(time.perf_counter() - started)
            errors += response.status_code != 200

    cpu_before = target.cpu_seconds()
    started = time.perf_counter()
    await asyncio.gather(*(one(number) for number in range(scenario.requests)))
    seconds = time.perf_counter() - started
    cpu_after = target.cpu_seconds()
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return Result(seconds, latencies, errors, cpu)


async def run(scenarios: tuple[Scenario, ...]) -> None:
    most = max(scenario.concurrency for scenario in scenarios)
    size = CONNECTIONS_PER_CLIENT
    limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
    print(f"{os.cpu_count()} CPUs, pool of {POOL_SIZE} connections per app, 1 uvicorn worker each")
    if hasattr(os, "getloadavg"):  # other work on the machine skews every figure: say how much
        print(f"load average before the run: {os.getloadavg()[0]:.1f}")
    print("| scenario | app | requests | seconds | req/s | p50 ms | p95 ms | CPU ms/req | errors |")
    print("|---|---|---|---|---|---|---|---|---|")
    with (
        server("create_sync_app") as sync_server,
        server("create_async_app") as async_server,
    ):
        async with AsyncExitStack() as stack:
            clients = [
                await stack.enter_async_context(httpx.AsyncClient(limits=limits, timeout=30))
                for _ in range(-(-most // size))
            ]
            await wait_until_up(clients[0], sync_server.base)
            await wait_until_up(clients[0], async_server.base)
            for scenario in scenarios:
                for side, target in (("sync", sync_server), ("async", async_server)):
                    await drive(clients, target, Scenario("warm-up", most, most, 0))
                    result = await drive(clients, target, scenario)
                    print(result.row(scenario, side), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the requests")
    args = parser.parse_args()
    try:
        get_settings()
    except DatabaseNotConfigured as error:
        sys.exit(str(error))
    engine = create_engine(sync_url())
    Base.metadata.create_all(engine)  # the table the query reads; nothing is written
    engine.dispose()
    scenarios: tuple[Scenario, ...] = SCENARIOS
    if args.quick:
        scenarios = tuple(
            Scenario(s.name, max(s.concurrency, s.requests // 10), s.concurrency, s.delay_ms)
            for s in SCENARIOS
        )

    async def bounded() -> None:
        async with asyncio.timeout(DEADLINE):
            await run(scenarios)

    asyncio.run(bounded())


if __name__ == "__main__":
    main()
