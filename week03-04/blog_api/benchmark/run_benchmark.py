"""Benchmark the read path with wrk: blog API vs the Starlette + asyncpg reference.

    python benchmark/run_benchmark.py     # about 90 s; writes benchmark/results.md

Uses DATABASE_URL when set, else the journey's embedded PostgreSQL; creates and seeds the
database `bench_blog_api`; serves each app with one uvicorn worker on 127.0.0.1; every wrk
run lasts 5 s. Traffic goes to 127.0.0.1 only.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:  # run as a script: make `app` and `benchmark` importable
    sys.path.insert(0, str(PROJECT))

from benchmark.seed_bench import seed_benchmark  # noqa: E402

DATABASE = "bench_blog_api"
API, REFERENCE = 8001, 8002
DURATION = "5s"
RESULTS = PROJECT / "benchmark" / "results.md"


@dataclass
class Run:
    """One wrk run's figures."""

    label: str
    connections: int
    rps: float
    p99_ms: float
    errors: int


def database_url() -> str:
    """DATABASE_URL, or the embedded server's; the benchmark database is created if missing."""
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


@contextmanager
def serve(target: str, port: int, url: str) -> Iterator[None]:
    """One uvicorn worker on 127.0.0.1:port until the block ends."""
    command = [sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", "1", "--no-access-log", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=PROJECT, env=dict(os.environ, DATABASE_URL=url))
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/posts/1", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


def _millis(value: str) -> float:
    """wrk's '812.00us' / '12.3ms' / '1.2s' in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(label: str, url: str, connections: int) -> Run:
    """Run wrk for DURATION and read requests/s, p99 latency and errors from its report."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}", "--latency", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = _millis(re.search(r"99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:timeout|Non-2xx or 3xx responses:) (\d+)", out))
    run = Run(label, connections, rps, p99, errors)
    print(f"{label:<48} c={connections:<4} {rps:>8.0f} req/s  p99 {p99:>8.1f} ms  errors {errors}")
    return run


def cursor_at(page: int) -> str:
    """The cursor that opens `page` of GET /posts?limit=20, found by walking the pages."""
    url = f"http://127.0.0.1:{API}/posts?limit=20"
    cursor = ""
    for _ in range(page - 1):
        body = json.loads(urllib.request.urlopen(url + cursor).read())
        cursor = f"&cursor={body['next_cursor']}"
    return cursor


def table(runs: list[Run]) -> str:
    """The runs as a Markdown table."""
    lines = ["| scenario | connections | req/s | p99 ms | errors |", "|---|---|---|---|---|"]
    for r in runs:
        lines.append(f"| {r.label} | {r.connections} | {r.rps:.0f} | {r.p99_ms:.1f} | {r.errors} |")
    return "\n".join(lines)


def main() -> None:
    """Seed, serve both apps, run every scenario, write results.md."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    url = database_url()
    seed_benchmark(sa.create_engine(url, poolclass=sa.NullPool))
    runs: list[Run] = []
    with serve("app.main:app", API, url), serve("benchmark.reference_app:app", REFERENCE, url):
        for connections in (50, 100):
            for path in ("/posts?limit=20", "/posts/1234"):
                for name, port in (("reference", REFERENCE), ("blog_api", API)):
                    runs.append(
                        wrk(f"{name} GET {path}", f"http://127.0.0.1:{port}{path}", connections)
                    )
        base = f"http://127.0.0.1:{API}/posts?limit=20"
        deep = [
            ("offset page 1 (skip=0)", base),
            ("offset page 500 (skip=9980)", base + "&skip=9980"),
            ("cursor page 2", base + cursor_at(2)),
            ("cursor page 500", base + cursor_at(500)),
        ]
        for label, page_url in deep:
            runs.append(wrk(f"blog_api GET /posts?limit=20 {label}", page_url, 50))
    RESULTS.write_text(
        "# Benchmark results\n\nWritten by `python benchmark/run_benchmark.py` "
        f"on {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores.\n\n{table(runs)}\n"
    )
    print(f"Wrote {RESULTS.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
