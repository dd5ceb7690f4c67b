"""Measure the e-commerce API on a generated shop of 1,000,000 order lines.

    python benchmark/run_benchmark.py            # about 3 minutes; writes benchmark/results.md
    python benchmark/run_benchmark.py --reseed   # regenerate the data first

1. GET /products (filtered, one page) with wrk, against the bare Starlette + asyncpg
   reference serving the same JSON from the same database, side by side, one worker each.
2. Checkout under concurrent load: orders per second, p99, and the no-oversell invariant
   checked after the run.
3. Each analytics report: its time through the API, and its query plan (EXPLAIN ANALYZE).

Uses DATABASE_URL's server when set, else the journey's embedded PostgreSQL; creates the
database `bench_ecommerce_api`. Only 127.0.0.1 is contacted.
"""

import asyncio
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:  # run as a script: make `app` and `benchmark` importable
    sys.path.insert(0, str(PROJECT))

from benchmark.seed_bench import ORDERS, PRODUCTS, seed_benchmark  # noqa: E402

DATABASE = "bench_ecommerce_api"
API, REFERENCE = 8001, 8002
PRODUCTS_URL = "/products?category_id=7&min_price=10&max_price=200&limit=20"
ADMIN = {"Authorization": "Bearer bench-token-1"}
RESULTS = PROJECT / "benchmark" / "results.md"
REPORTS = {
    "top-selling": "/admin/products/top-selling?limit=10",
    "user spending": "/admin/users/4242/spending",
    "sales report, one month": "/admin/sales/report?from_date=2026-03-01&to_date=2026-03-31",
    "sales report, whole year": "/admin/sales/report?from_date=2026-01-01&to_date=2026-12-31",
}


def database_url() -> str:
    """The benchmark database's URL (psycopg2), created if missing."""
    if os.environ.get("DATABASE_URL"):
        server = sa.make_url(os.environ["DATABASE_URL"])
    else:
        from journey import pg

        server = pg.server_url()
    server = server.set(drivername="postgresql+psycopg2")
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with engine.connect() as conn:
        found = conn.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": DATABASE}
        )
        if found.scalar() is None:
            conn.exec_driver_sql(f'CREATE DATABASE "{DATABASE}"')
    return server.set(database=DATABASE).render_as_string(hide_password=False)


def prepare(url: str, reseed: bool) -> sa.Engine:
    """Migrate; seed unless the data is already there."""
    from app.config import Settings
    from seed_data import migrate

    migrate(Settings(database_url=url))
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        lines = conn.execute(sa.text("SELECT count(*) FROM order_items")).scalar()
    if reseed or lines != ORDERS * 4:
        print("seeding 1,000,000 order lines ...")
        started = time.perf_counter()
        seed_benchmark(engine)
        print(f"seeded in {time.perf_counter() - started:.0f} s")
    return engine


@contextmanager
def serve(target: str, port: int, url: str, probe: str) -> Iterator[None]:
    """One uvicorn worker on 127.0.0.1:port until the block ends."""
    command = [sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", "1", "--no-access-log", "--log-level", "warning"]
    env = dict(os.environ, DATABASE_URL=url, ENVIRONMENT="development")
    process = subprocess.Popen(command, cwd=PROJECT, env=env)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{probe}", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


def _millis(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, connections: int = 50, seconds: int = 8) -> tuple[float, float, int]:
    """requests/s, p99 ms and errors of one wrk run."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = _millis(re.search(r"99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:timeout|Non-2xx or 3xx responses:) (\d+)", out))
    return rps, p99, errors


def products_side_by_side() -> list[str]:
    """Three alternating wrk runs of each app; the median of each."""
    runs: dict[str, list[tuple[float, float, int]]] = {"reference": [], "ecommerce_api": []}
    for _ in range(3):
        for name, port in (("reference", REFERENCE), ("ecommerce_api", API)):
            runs[name].append(wrk(f"http://127.0.0.1:{port}{PRODUCTS_URL}"))
            print(name, runs[name][-1])
    lines = ["| app | req/s (median of 3) | p99 ms | errors |", "|---|---|---|---|"]
    for name, results in runs.items():
        rps = statistics.median(r[0] for r in results)
        p99 = statistics.median(r[1] for r in results)
        lines.append(f"| {name} | {rps:.0f} | {p99:.0f} | {sum(r[2] for r in results)} |")
    ratio = statistics.median(r[0] for r in runs["ecommerce_api"]) / statistics.median(
        r[0] for r in runs["reference"]
    )
    lines.append(f"\nRatio ecommerce_api / reference: **{ratio:.2f}**")
    return lines


async def checkout_load(engine: sa.Engine, workers: int = 50, seconds: float = 10.0) -> list[str]:
    """`workers` customers add a scarce and a plentiful product, then check out, for
    `seconds`; then the stock is checked against the lines sold."""
    scarce, plenty, start_stock = 1, 2, 300
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE products SET stock = :s WHERE id = :p"), {"s": start_stock, "p": scarce}
        )
        conn.execute(sa.text("DELETE FROM cart_items"))
        before = conn.execute(sa.text("SELECT coalesce(max(id), 0) FROM orders")).scalar_one()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    deadline = time.perf_counter() + seconds

    async def customer(n: int, client: httpx.AsyncClient) -> None:
        headers = {"Authorization": f"Bearer bench-token-{100 + n}"}
        while time.perf_counter() < deadline:
            for product in (scarce, plenty):
                await client.post(
                    "/cart/items", json={"product_id": product, "quantity": 1}, headers=headers
                )
            started = time.perf_counter()
            answer = await client.post(
                "/cart/checkout", headers={**headers, "Idempotency-Key": str(uuid.uuid4())}
            )
            latencies.append(time.perf_counter() - started)
            statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
            if answer.status_code != 201:
                await client.delete("/cart", headers=headers)

    limits = httpx.Limits(max_connections=workers)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{API}", limits=limits, timeout=30
    ) as client:
        await asyncio.gather(*(customer(n, client) for n in range(workers)))
    with engine.connect() as conn:
        stock = conn.execute(
            sa.text("SELECT stock FROM products WHERE id = :p"), {"p": scarce}
        ).scalar_one()
        sold = conn.execute(
            sa.text(
                "SELECT coalesce(sum(quantity), 0) FROM order_items "
                "WHERE product_id = :p AND order_id > :o"
            ),
            {"p": scarce, "o": before},
        ).scalar_one()
    created = statuses.get(201, 0)
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    ok = stock >= 0 and start_stock - stock == sold
    return [
        f"{workers} concurrent customers for {seconds:.0f} s, each checkout holding one unit of a "
        f"product with {start_stock} in stock and one of a plentiful product:",
        "",
        "| orders/s | checkout p50 ms | checkout p99 ms | answers | scarce stock after "
        "| units sold | invariant |",
        "|---|---|---|---|---|---|---|",
        f"| {created / seconds:.0f} | {statistics.median(latencies) * 1000:.0f} | {p99:.0f} | "
        f"{dict(sorted(statuses.items()))} | {stock} | {sold} | "
        f"{'holds: sold = 300 - stock, stock >= 0' if ok else 'BROKEN'} |",
    ]


def reports(engine: sa.Engine) -> list[str]:
    """Median of five calls of each report through the API, then each query's plan."""
    lines = ["| report | median ms (5 calls) | max ms |", "|---|---|---|"]
    with httpx.Client(base_url=f"http://127.0.0.1:{API}", headers=ADMIN, timeout=30) as client:
        for name, path in REPORTS.items():
            times = []
            for _ in range(5):
                started = time.perf_counter()
                assert client.get(path).status_code == 200, path
                times.append((time.perf_counter() - started) * 1000)
            lines.append(f"| {name} | {statistics.median(times):.0f} | {max(times):.0f} |")
    lines += ["", *explain_reports()]
    return lines


def explain_reports() -> list[str]:
    """EXPLAIN (ANALYZE, BUFFERS) of the exact statements the report queries run."""
    from datetime import UTC, datetime

    from sqlalchemy import event
    from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

    from app.repositories.reports import SqlAlchemyReportQueries

    async def capture() -> list[tuple[str, Any]]:
        engine = create_async_engine(database_url().replace("psycopg2", "asyncpg"))
        statements: list[tuple[str, Any]] = []
        event.listen(
            engine.sync_engine,
            "before_cursor_execute",
            lambda _c, _cur, sql, params, _ctx, _many: statements.append((sql, params)),
        )
        async with AsyncSession(engine) as session:
            queries = SqlAlchemyReportQueries(session)
            await queries.top_selling(10)
            await queries.spending(4242)
            await queries.sales(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
            plans = []
            conn = await session.connection()
            for sql, params in statements:
                if sql.lstrip().upper().startswith("SELECT"):
                    explain = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql
                    found = await conn.exec_driver_sql(explain, tuple(params))
                    plans.append((sql, "\n".join(row[0] for row in found)))
        await engine.dispose()
        return plans

    lines = []
    for sql, plan in asyncio.run(capture()):
        lines += ["```sql", sql.strip(), "```", "```", plan, "```", ""]
    return lines


def main() -> None:
    """Seed, serve both apps, run the three parts, write results.md."""
    url = database_url()
    engine = prepare(url, "--reseed" in sys.argv[1:])
    sections = []
    with (
        serve("app.main:app", API, url, "/health"),
        serve("benchmark.reference_app:app", REFERENCE, url, PRODUCTS_URL),
    ):
        sections += [
            "## GET /products, side by side",
            "",
            f"`{PRODUCTS_URL}`, wrk -t2 -c50, 8 s runs.",
            "",
        ]
        sections += products_side_by_side()
        sections += ["", "## Checkout under load", ""]
        sections += asyncio.run(checkout_load(engine))
        sections += ["", "## Analytics on 1,000,000 order lines", ""]
        sections += reports(engine)
    RESULTS.write_text(
        "# Benchmark results\n\nWritten by `python benchmark/run_benchmark.py` on "
        f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, {PRODUCTS:,} products, "
        f"{ORDERS:,} orders, load average {os.getloadavg()[0]:.1f} at the end.\n\n"
        + "\n".join(sections)
        + "\n"
    )
    print(f"Wrote {RESULTS.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
