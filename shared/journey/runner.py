"""Runs projects' test suites in parallel pytest processes and gathers their results."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journey import STATE_DIR
from journey.errors import UNAVAILABLE_EXIT_CODE

LOG_DIR = STATE_DIR / "logs"
RESULTS_DIR = STATE_DIR / "results"
CACHE_DIR = STATE_DIR / "cache"
_SKIPPED_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".venv"}
_DURATIONS = STATE_DIR / "durations.json"
PROJECT_TIMEOUT_S = 600
TIMEOUT_EXIT_CODE = 124
PARALLEL = 2


@dataclass
class ProjectRun:
    """The outcome of one project's pytest process."""

    project: str
    exit_code: int
    seconds: float
    log: Path
    results: list[dict[str, Any]] = field(default_factory=list)
    finished: bool = True
    """pytest reached the end of its session (the recorder wrote its results)."""

    @property
    def database_unavailable(self) -> bool:
        """The run stopped because PostgreSQL could not be reached."""
        return self.exit_code == UNAVAILABLE_EXIT_CODE

    def environment_problem(self) -> str:
        """One line on what stopped the run, when it was not the tests; else ''."""
        if self.database_unavailable:
            line = self.last_log_line()
            return re.sub(r"^!+\s*(_pytest\.outcomes\.Exit:\s*)?|\s*!+$", "", line)
        if self.exit_code < 0:
            return f"pytest was stopped by signal {-self.exit_code}: run the command again"
        return ""

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


def file_slug(project: str) -> str:
    return project.replace("/", "__")


def log_path(project: str) -> Path:
    """Where the full pytest output of ``project``'s last run is kept."""
    return LOG_DIR / f"{file_slug(project)}.log"


def pytest_command(project_dir: Path, day: int | None, extra: Iterable[str] = ()) -> list[str]:
    """The command that runs one project's tests, as a learner would from its folder."""
    # One test file that does not import (a later day not written yet) must not stop
    # the tests of the other days from running.
    command = [sys.executable, "-m", "pytest", "-q", "-rfE", "--continue-on-collection-errors"]
    command += ["--rootdir", str(project_dir)]
    if day is not None:
        command += ["--day", str(day)]
    return command + list(extra)


def content_key(root: Path, project: str) -> str:
    """A hash of everything that decides a project's results: its files and the harness."""
    digest = hashlib.sha1()
    harness = [root / "pyproject.toml", *sorted((root / "shared" / "journey").glob("*.py"))]
    folder = root / project
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not _SKIPPED_PARTS & set(p.relative_to(folder).parts)
    )
    for path in [*harness, *files]:
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(hashlib.sha1(path.read_bytes()).digest())
    return digest.hexdigest()


def _cache_file(project: str) -> Path:
    return CACHE_DIR / f"{file_slug(project)}.json"


def _cached(root: Path, project: str, key: str) -> ProjectRun | None:
    try:
        data = json.loads(_cache_file(project).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    run = ProjectRun(project, int(data["exit_code"]), float(data["seconds"]), log_path(project))
    run.results = list(data["results"])
    return run


def _remember(project: str, key: str, run: ProjectRun) -> None:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    document = {"key": key, "exit_code": run.exit_code, "seconds": run.seconds}
    document["results"] = run.results
    _cache_file(project).write_text(json.dumps(document))


Events = Callable[[str, str, ProjectRun | None], None]
"""``on_event(kind, project, run)``: kind is "start" or "done" (run given, ``cached`` set)."""


def _run_one(root: Path, project: str, day: int | None) -> ProjectRun:
    project_dir = root / project
    log = log_path(project)
    # Files of this run's own: two runs of one project at once (two terminals) must not
    # read each other's results; the last to finish leaves its files under the usual names.
    own = f"{os.getpid()}-{threading.get_ident()}"
    results = RESULTS_DIR / f"{file_slug(project)}.{own}.jsonl"
    running_log = log.with_name(f"{log.stem}.{own}.log")
    env = dict(os.environ, JOURNEY_RESULTS=str(results))
    # pytest caches its rewritten test modules as .pyc files; without them every run
    # re-rewrites large packages (schemathesis alone costs seconds).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.monotonic()
    with running_log.open("w") as out:
        try:
            code = subprocess.run(
                pytest_command(project_dir, day),
                cwd=project_dir,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=project_timeout(),
                check=False,
            ).returncode
        except subprocess.TimeoutExpired:
            out.write(f"\njourney: timed out after {project_timeout()} s\n")
            code = TIMEOUT_EXIT_CODE
    os.replace(running_log, log)
    run = ProjectRun(project, code, time.monotonic() - started, log, finished=results.exists())
    if results.exists():
        lines = results.read_text(errors="replace").splitlines()
        run.results = [json.loads(line) for line in lines if line]
        os.replace(results, RESULTS_DIR / f"{file_slug(project)}.jsonl")
    return run


def project_timeout() -> int:
    """Seconds one project's pytest may run: ``JOURNEY_TIMEOUT``, else 600."""
    raw = os.environ.get("JOURNEY_TIMEOUT", "")
    return int(raw) if raw.isascii() and raw.isdigit() and 0 < int(raw) <= 86_400 else 600


def _previous_durations() -> dict[str, float]:
    try:
        data = json.loads(_DURATIONS.read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float)}


def run_projects(
    root: Path,
    projects: Iterable[str],
    day: int | None,
    *,
    remember: bool = True,
    use_cache: bool = False,
    on_event: Events | None = None,
) -> dict[str, ProjectRun]:
    """Run each project's tests (``PARALLEL`` at a time, slowest first) and collect results.

    ``use_cache`` answers from the last full run of a project whose content (and the
    harness's) has not changed. ``remember`` keeps durations and results for next time.
    """
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    durations = _previous_durations()
    # Starting the slowest suites first keeps both workers busy until the end.
    ordered = sorted(projects, key=lambda p: -durations.get(p, 5.0))
    lock = threading.Lock()

    def one(project: str) -> ProjectRun:
        key = content_key(root, project) if day is None else ""
        run = _cached(root, project, key) if use_cache and day is None else None
        if run is None:
            if on_event is not None:
                with lock:
                    on_event("start", project, None)
            run = _run_one(root, project, day)
            trusted = run.finished and not (run.crashed or run.environment_problem())
            if remember and day is None and trusted:
                _remember(project, key, run)
        if on_event is not None:
            with lock:
                on_event("done", project, run)
        return run

    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        runs = list(pool.map(one, ordered))
    if remember and day is None:
        durations.update({run.project: round(run.seconds, 2) for run in runs})
        _DURATIONS.write_text(json.dumps(durations, indent=1, sort_keys=True))
    return {run.project: run for run in runs}
