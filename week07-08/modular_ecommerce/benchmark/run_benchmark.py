"""Benchmark the shop with wrk: authenticated GET /products against the bare Starlette +
asyncpg reference, the cost of verifying a token, logins per second at the production
hash parameters, and whether an unknown email and a wrong password take the same time.

    python benchmark/run_benchmark.py     # about 2 minutes; writes benchmark/results.md

Uses DATABASE_URL's server when set, else the journey's embedded PostgreSQL; recreates the
database `bench_modular_ecommerce` (migrated, seeded, 2,000 products); serves each app with
one uvicorn worker on 127.0.0.1. Only 127.0.0.1 is ever contacted. The login limits are
raised for this server only (they are settings), so wrk measures hashing, not throttling.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import sqlalchemy as sa

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:  # run as a script: make `app` and `seed_data` importable
    sys.path.insert(0, str(PROJECT))

from app.config import DEV_SECRET_KEY, Settings  # noqa: E402
from app.modules.auth.passwords import PasswordHasher  # noqa: E402
from app.modules.auth.tokens import TokenType, issue  # noqa: E402
from seed_data import seed_database  # noqa: E402

DATABASE = "bench_modular_ecommerce"
API, REFERENCE = 8011, 8012
DURATION = "6s"
ROUNDS = 2
CONNECTIONS = 50
RESULTS = PROJECT / "benchmark" / "results.md"
BENCH_EMAIL, BENCH_PASSWORD = "bench@example.com", "bench-password-0123"
SERVER_ENV = {
    "ENVIRONMENT": "dev",
    "JWT_SECRET_KEY": DEV_SECRET_KEY,
    "LOGIN_MAX_ATTEMPTS_PER_CLIENT": "100000",
    "LOGIN_MAX_FAILURES": "1000",
    "DB_POOL_SIZE": "10",
}
LOGIN_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=password&username=bench%40example.com&password=bench-password-0123"
"""


@dataclass
class Run:
    """One wrk run's figures."""

    label: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def database_url() -> str:
    """A fresh benchmark database on DATABASE_URL's server or the embedded one."""
    if os.environ.get("DATABASE_URL"):
        server = sa.make_url(os.environ["DATABASE_URL"])
    else:
        from journey import pg

        server = pg.server_url()
    server = server.set(drivername="postgresql+psycopg2")
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{DATABASE}"')
    return server.set(database=DATABASE).render_as_string(hide_password=False)


def prepare(url: str) -> str:
    """Migrate and seed; 2,000 more products; a customer with a live session. Its token."""
    settings = Settings(_env_file=None, database_url=url, jwt_secret_key=DEV_SECRET_KEY)
    asyncio.run(seed_database(settings))
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    session_id, now = uuid.uuid4(), datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO products (name, price, stock, created_at) SELECT 'Bench product ' "
                "|| n, 1 + n % 100, 100, now() - n * interval '1 minute' "
                "FROM generate_series(1, 2000) AS n"
            )
        )
        user_id = conn.execute(
            sa.text(
                "INSERT INTO users (email, password_hash, role_id) SELECT :e, :h, id "
                "FROM roles WHERE name = 'customer' RETURNING id"
            ),
            {"e": BENCH_EMAIL, "h": PasswordHasher(settings).hash(BENCH_PASSWORD)},
        ).scalar_one()
        conn.execute(
            sa.text(
                "INSERT INTO auth_sessions (id, user_id, created_at, expires_at) "
                "VALUES (:i, :u, :n, :e)"
            ),
            {"i": session_id, "u": user_id, "n": now, "e": now + timedelta(days=1)},
        )
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    lifetime = timedelta(hours=1)
    return issue(
        TokenType.ACCESS,
        user_id,
        settings=settings,
        now=now,
        lifetime=lifetime,
        session_id=session_id,
    )


@contextmanager
def serve(target: str, port: int, url: str) -> Iterator[None]:
    """One uvicorn worker on 127.0.0.1:port until the block ends."""
    command = [sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", "1", "--no-access-log", "--log-level", "warning"]
    env = {**os.environ, **SERVER_ENV, "DATABASE_URL": url}
    process = subprocess.Popen(command, cwd=PROJECT, env=env)
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/products", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


def _millis(value: str) -> float:
    """wrk's '812.00us' / '12.3ms' / '1.2s' in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(
    label: str,
    url: str,
    token: str | None = None,
    script: str | None = None,
    connections: int = CONNECTIONS,
) -> Run:
    """Run wrk for DURATION; requests/s, median and p99 latency, errors."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{DURATION}", "--latency"]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as lua:
        if script:
            lua.write(script)
            lua.flush()
            command += ["-s", lua.name]
        out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "50%" not in out or "nan" in out:
        raise RuntimeError(f"wrk could not measure {label}:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _millis(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    p99 = _millis(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:timeout|Non-2xx or 3xx responses:) (\d+)", out))
    run = Run(label, rps, p50, p99, errors)
    print(f"{label:<44} {rps:>8.0f} req/s  p50 {p50:>7.1f} ms  p99 {p99:>7.1f} ms  err {errors}")
    return run


def login_times(rounds: int = 60) -> tuple[float, float]:
    """Median seconds of a login with an unknown email and with a wrong password,
    interleaved one by one so both see the same machine."""
    unknown: list[float] = []
    wrong: list[float] = []
    with httpx.Client(base_url=f"http://127.0.0.1:{API}") as client:
        for n in range(rounds):
            for email, times in ((f"ghost{n}@example.com", unknown), (BENCH_EMAIL, wrong)):
                form = {"grant_type": "password", "username": email, "password": "not-it-123"}
                started = time.perf_counter()
                status = client.post("/token", data=form).status_code
                times.append(time.perf_counter() - started)
                assert status == 400, f"expected 400 invalid_grant, got {status}"
    return statistics.median(unknown), statistics.median(wrong)


def hash_time(rounds: int = 20) -> float:
    """Median seconds of one argon2id verification at the default (production) settings."""
    hasher = PasswordHasher(Settings(_env_file=None))
    hashed = hasher.hash(BENCH_PASSWORD)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        hasher.verify_and_update(BENCH_PASSWORD, hashed)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Seed, serve both apps, run every scenario, write results.md."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    url = database_url()
    token = prepare(url)
    products = "/products?limit=20"
    scenarios = [
        ("reference GET /products (token)", REFERENCE, token),
        ("shop GET /products (token)", API, token),
        ("reference GET /products (anonymous)", REFERENCE, None),
        ("shop GET /products (anonymous)", API, None),
    ]
    best: dict[str, Run] = {}
    with serve("app.asgi:app", API, url), serve("benchmark.reference_app:app", REFERENCE, url):
        for _ in range(ROUNDS):  # interleaved, so a busy moment of the machine hits all four
            for label, port, bearer in scenarios:
                run = wrk(label, f"http://127.0.0.1:{port}{products}", bearer)
                if label not in best or run.rps > best[label].rps:
                    best[label] = run
        login = wrk(
            "shop POST /token (password grant, 4 connections)",
            f"http://127.0.0.1:{API}/token",
            script=LOGIN_LUA,
            connections=4,
        )
        unknown, wrong = login_times()
    ref_auth, app_auth, ref_anon, app_anon = (best[label] for label, _, _ in scenarios)
    verify = hash_time()
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmark/run_benchmark.py` on {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{os.cpu_count()} cores, wrk -t2 -c{CONNECTIONS} -d{DURATION}, one uvicorn worker "
        f"each; GET /products runs interleaved, best of {ROUNDS}.",
        "",
        "| scenario | req/s | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|",
        *(
            f"| {r.label} | {r.rps:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} |"
            for r in (ref_auth, app_auth, ref_anon, app_anon, login)
        ),
        "",
        f"- shop / reference, authenticated: **{app_auth.rps / ref_auth.rps:.2f}**",
        f"- token verification's cost: the shop's authenticated / anonymous requests per "
        f"second: **{app_auth.rps / app_anon.rps:.2f}** "
        f"({abs(1 - app_auth.rps / app_anon.rps) * 100:.0f} % apart)",
        f"- argon2id verify at m=19 MiB, t=2, p=1: median **{verify * 1000:.1f} ms**; "
        f"logins: **{login.rps:.0f}/s**",
        f"- login medians: unknown email **{unknown * 1000:.1f} ms**, wrong password "
        f"**{wrong * 1000:.1f} ms**, ratio **{unknown / wrong:.2f}**",
        "",
    ]
    RESULTS.write_text("\n".join(lines))
    print("\n".join(lines[-5:]))
    print(f"Wrote {RESULTS.relative_to(PROJECT)}")


if __name__ == "__main__":
    main()
