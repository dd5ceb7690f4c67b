"""Benchmark the read path with wrk: blog API vs the Starlette + asyncpg reference.

    python benchmark/run_benchmark.py     # about 3 minutes; writes benchmark/results.md

Uses DATABASE_URL when set, else the journey's embedded PostgreSQL; creates and seeds the
database `bench_blog_api`; serves each app with one uvicorn worker on 127.0.0.1; every wrk
run lasts 5 s, and each comparison runs three times, alternating the apps. Besides wrk's
figures it reads, from /proc (Linux), the CPU time the serving process and its PostgreSQL
backends spent per request: on a machine shared with other work, req/s swing with the
neighbours' load, CPU per request does not. Traffic goes to 127.0.0.1 only.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
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
# Ports of their own: other projects' benchmarks on the same machine use 8001 and 8002.
API, REFERENCE = 8101, 8102
DURATION = "5s"
ROUNDS = 3
RESULTS = PROJECT / "benchmark" / "results.md"
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    """One scenario's figures (the median run when it was repeated)."""

    label: str
    connections: int
    rps: float
    p99_ms: float
    errors: int
    server_cpu_ms: float
    postgres_cpu_ms: float


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
def serve(target: str, port: int, url: str) -> Iterator[int]:
    """One uvicorn worker on 127.0.0.1:port until the block ends; yields its process id.
    Refused if the port already serves something."""
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
    except urllib.error.HTTPError:
        raise SystemExit(f"port {port} is already serving something: stop it first") from None
    except OSError:
        pass  # nothing listens there: good
    else:
        raise SystemExit(f"port {port} is already serving something: stop it first")
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
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=10)


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _backends() -> dict[int, float]:
    """CPU seconds so far of every PostgreSQL backend connected to the benchmark database."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if title.startswith("postgres: ") and f" {DATABASE} " in title:
                found[int(entry.name)] = _cpu_seconds(int(entry.name))
    return found


def _millis(value: str) -> float:
    """wrk's '812.00us' / '12.3ms' / '1.2s' / '1.05m' in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(label: str, url: str, connections: int, server: int) -> Run:
    """Run wrk for DURATION: requests/s, p99 latency and errors from its report, and the CPU
    that `server` and the database's backends spent per request meanwhile."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}", "--latency", url]
    server_before, backends_before = _cpu_seconds(server), _backends()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    server_cpu = _cpu_seconds(server) - server_before
    postgres_cpu = sum(
        seconds - backends_before.get(pid, 0.0) for pid, seconds in _backends().items()
    )
    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = _millis(re.search(r"99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:timeout|Non-2xx or 3xx responses:) (\d+)", out))
    per = 1000 / max(requests, 1)
    run = Run(label, connections, rps, p99, errors, server_cpu * per, postgres_cpu * per)
    print(
        f"{label:<52} c={connections:<4} {rps:>6.0f} req/s  p99 {p99:>7.1f} ms  "
        f"errors {errors:<3} cpu {run.server_cpu_ms:.2f} + {run.postgres_cpu_ms:.2f} ms/req"
    )
    return run


def median(runs: list[Run]) -> Run:
    """The run with the median req/s of a repeated scenario."""
    return sorted(runs, key=lambda run: run.rps)[len(runs) // 2]


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
    lines = [
        "| scenario | connections | req/s | p99 ms | errors | server CPU ms/req | "
        "PostgreSQL CPU ms/req |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        lines.append(
            f"| {r.label} | {r.connections} | {r.rps:.0f} | {r.p99_ms:.1f} | {r.errors} | "
            f"{r.server_cpu_ms:.2f} | {r.postgres_cpu_ms:.2f} |"
        )
    return "\n".join(lines)


def ratios(runs: list[Run]) -> str:
    """blog_api / reference for each compared scenario: by req/s, and by total CPU."""
    lines = [
        "| endpoint | connections | req/s ratio | CPU ratio (reference CPU / blog_api CPU) |",
        "|---|---|---|---|",
    ]
    by_label = {(r.label, r.connections): r for r in runs}
    for (label, connections), mine in by_label.items():
        if not label.startswith("blog_api GET") or (
            ("reference" + label.removeprefix("blog_api"), connections) not in by_label
        ):
            continue
        theirs = by_label["reference" + label.removeprefix("blog_api"), connections]
        cpu = (theirs.server_cpu_ms + theirs.postgres_cpu_ms) / (
            mine.server_cpu_ms + mine.postgres_cpu_ms
        )
        path = label.removeprefix("blog_api GET ")
        lines.append(f"| `{path}` | {connections} | {mine.rps / theirs.rps:.2f} | {cpu:.2f} |")
    return "\n".join(lines)


def main() -> None:
    """Seed, serve both apps, run every scenario, write results.md."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    url = database_url()
    seed_benchmark(sa.create_engine(url, poolclass=sa.NullPool))
    runs: list[Run] = []
    with (
        serve("app.main:app", API, url) as api,
        serve("benchmark.reference_app:app", REFERENCE, url) as reference,
    ):
        apps = (("reference", REFERENCE, reference), ("blog_api", API, api))
        for connections in (50, 100):
            for path in ("/posts?limit=20", "/posts/1234"):
                repeated: dict[str, list[Run]] = {"reference": [], "blog_api": []}
                for _ in range(ROUNDS):  # alternate, so both meet the same neighbours
                    for name, port, pid in apps:
                        label = f"{name} GET {path}"
                        target = f"http://127.0.0.1:{port}{path}"
                        repeated[name].append(wrk(label, target, connections, pid))
                runs += [median(repeated["reference"]), median(repeated["blog_api"])]
        base = f"http://127.0.0.1:{API}/posts?limit=20"
        deep = [
            ("offset page 1 (skip=0)", base),
            ("offset page 500 (skip=9980)", base + "&skip=9980"),
            ("cursor page 2", base + cursor_at(2)),
            ("cursor page 500", base + cursor_at(500)),
            # The search: a rare term (one title), and a term in no post at all.
            ("search q=post 12345", base + "&q=post+12345"),
            ("search q=nothing here", base + "&q=nothing+here"),
        ]
        for label, page_url in deep:
            runs.append(wrk(f"blog_api GET /posts?limit=20 {label}", page_url, 50, api))
    RESULTS.write_text(
        "# Benchmark results\n\nWritten by `python benchmark/run_benchmark.py` "
        f"on {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f} at the end. Compared scenarios: the median of {ROUNDS} "
        f"alternating {DURATION} runs.\n\n{table(runs)}\n\n## blog_api / reference\n\n"
        f"{ratios(runs)}\n"
    )
    print(f"Wrote {RESULTS.relative_to(PROJECT)}")
    print(ratios(runs))


if __name__ == "__main__":
    main()
