"""Benchmark: whole-process `list` and `stats` on 10,000 tasks, split into start-up, imports, work.

Run: python bench/benchmark.py [--tasks 10000] [--runs 7]
Not a test: timings depend on the machine; the README quotes one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from manager import TaskManager
from models import Priority
from storage import JsonStorage

PROJECT_DIR = Path(__file__).resolve().parent.parent
PRIORITIES = list(Priority)
TAGS = ["work", "home", "errand", "study", "health"]


def generate(path: Path, count: int) -> None:
    """Write `count` varied tasks (a third done, some overdue) to `path` in one save."""
    start = datetime(2025, 1, 1, 8, 0).astimezone()
    times = iter(start + timedelta(minutes=7 * n) for n in range(count))
    manager = TaskManager(clock=lambda: next(times))
    for n in range(count):
        due = date(2025, 1, 1) + timedelta(days=n % 700) if n % 3 else None
        manager.add(
            f"Task number {n}: follow up on item {n * 7 % 1000}",
            priority=PRIORITIES[n % 3],
            tags=[TAGS[n % 5], TAGS[(n + 2) % 5]],
            due=due,
        )
        if n % 3 == 0:
            manager.complete(n + 1)
    JsonStorage(path).save(manager)


def median_seconds(command: Sequence[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + sys) of `runs` runs, after one warm-up run.

    CPU time is what the process itself spent; on a busy machine wall time also
    counts the wait for a free core, so both are reported.
    """
    walls, cpus = [], []
    for attempt in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(command, cwd=PROJECT_DIR, stdout=subprocess.DEVNULL, check=True)
        wall = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if attempt:  # the first run warms the OS file cache and .pyc files
            walls.append(wall)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def slowest_imports(limit: int = 6) -> list[tuple[str, float]]:
    """The top-level modules that `import cli` spends most time in (python -X importtime)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import cli"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    top_level = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, _, cumulative, name = (part.strip() for part in line.replace("|", ":").split(":"))
        if not name.startswith(" ") and "." not in name:
            top_level.append((name, int(cumulative) / 1e6))
    return sorted(top_level, key=lambda item: item[1], reverse=True)[:limit]


def _row(label: str, seconds: tuple[float, float]) -> None:
    print(f"{label:40} {seconds[0] * 1000:6.0f}ms {seconds[1] * 1000:6.0f}ms")


def main() -> None:
    """Generate the data, time each command, and print the breakdown."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "tasks.json"
        generate(data, args.tasks)
        size_kb = data.stat().st_size / 1024
        print(f"{args.tasks} tasks, {size_kb:.0f} KiB; median of {args.runs} runs; ", end="")
        load = os.getloadavg()[0]
        print(f"{os.cpu_count()} CPUs, load {load:.1f}; Python {sys.version.split()[0]}\n")
        print(f"{'':40} {'wall':>8} {'cpu':>8}")
        startup = median_seconds([python, "-c", "pass"], args.runs)
        imports = median_seconds([python, "-c", "import cli"], args.runs)
        _row("interpreter start (python -c pass)", startup)
        _row(
            "imports (import cli, minus start)", (imports[0] - startup[0], imports[1] - startup[1])
        )
        for command in (
            ["list"],
            ["stats"],
            ["list", "--json"],
            ["list", "-p", "high", "-t", "work"],
        ):
            total = median_seconds([python, "main.py", "--file", str(data), *command], args.runs)
            _row("main.py " + " ".join(command), total)
            _row(
                "  of which work (minus import cli)", (total[0] - imports[0], total[1] - imports[1])
            )
    print("\nslowest imports under `import cli` (cumulative, one run):")
    for name, seconds in slowest_imports():
        print(f"  {name:20} {seconds * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
