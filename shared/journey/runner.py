"""Runs projects' test suites in parallel pytest processes and gathers their results."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journey import STATE_DIR
from journey.pg import UNAVAILABLE_EXIT_CODE

LOG_DIR = STATE_DIR / "logs"
RESULTS_DIR = STATE_DIR / "results"
_DURATIONS = STATE_DIR / "durations.json"
PROJECT_TIMEOUT_S = 600
PARALLEL = 2


@dataclass
class ProjectRun:
    """The outcome of one project's pytest process."""

    project: str
    exit_code: int
    seconds: float
    log: Path
    results: list[dict[str, Any]] = field(default_factory=list)

    @property
    def database_unavailable(self) -> bool:
        """The run stopped because PostgreSQL could not be reached."""
        return self.exit_code == UNAVAILABLE_EXIT_CODE

    @property
    def crashed(self) -> bool:
        """pytest itself failed (usage, internal error, timeout), beyond failing tests."""
        return self.exit_code not in (0, 1, 5)

    def collection_errors(self) -> list[dict[str, Any]]:
        """Results that are not tests: files that could not even be imported."""
        return [r for r in self.results if r["day"] is None and r["outcome"] == "error"]

    def last_log_line(self) -> str:
        """The last non-empty line pytest printed (its summary or the reason it stopped)."""
        lines = [line for line in self.log.read_text(errors="replace").splitlines() if line]
        return lines[-1] if lines else ""


def _slug(project: str) -> str:
    return project.replace("/", "__")


def log_path(project: str) -> Path:
    """Where the full pytest output of ``project``'s last run is kept."""
    return LOG_DIR / f"{_slug(project)}.log"


def pytest_command(project_dir: Path, day: int | None, extra: Iterable[str] = ()) -> list[str]:
    """The command that runs one project's tests, as a learner would from its folder."""
    command = [sys.executable, "-m", "pytest", "-q", "-rfE", "--rootdir", str(project_dir)]
    if day is not None:
        command += ["--day", str(day)]
    return command + list(extra)


def _run_one(root: Path, project: str, day: int | None) -> ProjectRun:
    project_dir = root / project
    log = log_path(project)
    results = RESULTS_DIR / f"{_slug(project)}.jsonl"
    results.unlink(missing_ok=True)
    env = dict(os.environ, JOURNEY_RESULTS=str(results))
    # pytest caches its rewritten test modules as .pyc files; without them every run
    # re-rewrites large packages (schemathesis alone costs seconds).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.monotonic()
    with log.open("w") as out:
        try:
            code = subprocess.run(
                pytest_command(project_dir, day),
                cwd=project_dir,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=PROJECT_TIMEOUT_S,
                check=False,
            ).returncode
        except subprocess.TimeoutExpired:
            out.write(f"\njourney: timed out after {PROJECT_TIMEOUT_S} s\n")
            code = 124
    run = ProjectRun(project, code, time.monotonic() - started, log)
    if results.exists():
        run.results = [json.loads(line) for line in results.read_text().splitlines() if line]
    return run


def _previous_durations() -> dict[str, float]:
    try:
        data = json.loads(_DURATIONS.read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}


def run_projects(
    root: Path, projects: Iterable[str], day: int | None, *, remember: bool = True
) -> dict[str, ProjectRun]:
    """Run each project's tests (``PARALLEL`` at a time, slowest first) and collect results.

    ``remember`` keeps each project's duration for the next run's ordering.
    """
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    durations = _previous_durations()
    # Starting the slowest suites first keeps both workers busy until the end.
    ordered = sorted(projects, key=lambda p: -durations.get(p, 5.0))
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        runs = list(pool.map(lambda p: _run_one(root, p, day), ordered))
    if remember and day is None:
        durations.update({run.project: round(run.seconds, 2) for run in runs})
        _DURATIONS.write_text(json.dumps(durations, indent=1, sort_keys=True))
    return {run.project: run for run in runs}
