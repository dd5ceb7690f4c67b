"""Measure the harness: template clone time and an empty project's pytest overhead.

Run: .venv/bin/python shared/benchmarks/bench_harness.py
Prints medians over several runs; the figures are quoted in docs/benchmarks.md.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from journey import REPO_ROOT, databases, pg


def five_table_schema() -> sa.MetaData:
    """A schema the size of a milestone's: five tables with keys and indexes."""
    metadata = sa.MetaData()
    for name in ("users", "posts", "comments", "tags", "likes"):
        sa.Table(
            name,
            metadata,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.String(100), nullable=False, index=True),
            sa.Column("created_at", sa.DateTime, server_default=sa.func.now()),
        )
    return metadata


def time_clones(runs: int = 20) -> list[float]:
    server = pg.server_url()
    template, _ = databases.ensure_template(server, "bench", five_table_schema())
    timings = []
    for index in range(runs):
        started = time.perf_counter()
        name = databases.clone(server, template, "bench", f"b{index}")
        timings.append(time.perf_counter() - started)
        databases.drop_database(server, name)
    return timings


def time_process(command: list[str], cwd: Path, runs: int = 7) -> list[float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, capture_output=True, check=True)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    clones = time_clones()
    with tempfile.TemporaryDirectory(dir=REPO_ROOT / ".journey") as folder:
        project = Path(folder)
        (project / "conftest.py").write_text("")
        (project / "test_empty.py").write_text("def test_nothing() -> None:\n    pass\n")
        bare = time_process([sys.executable, "-c", "pass"], project)
        pytest_run = time_process([sys.executable, "-m", "pytest", "-q"], project)
        db_test = "def test_db(db_session) -> None:\n    assert db_session is not None\n"
        (project / "test_empty.py").write_text(db_test)
        db_run = time_process([sys.executable, "-m", "pytest", "-q"], project)
    rows = [
        ("clone a 5-table template (CREATE DATABASE ... TEMPLATE)", clones),
        ("python -c pass (interpreter start)", bare),
        ("pytest run of an empty project (one trivial test)", pytest_run),
        ("pytest run of a one-test database project", db_run),
    ]
    print(f"{'measure':58} {'median':>8} {'min':>8} {'max':>8}")
    for label, values in rows:
        median, low, high = statistics.median(values), min(values), max(values)
        print(f"{label:58} {median:8.3f} {low:8.3f} {high:8.3f}")


if __name__ == "__main__":
    main()
