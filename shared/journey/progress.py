"""Turns test results into the journey table: one row a day, done / failing / not started."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from journey import STATE_DIR
from journey.curriculum import Day, has_code
from journey.runner import ProjectRun, log_path

PROGRESS_FILE = STATE_DIR / "progress.json"

DONE, FAILING, NOT_STARTED = "done", "failing", "not started"
_STYLE = {DONE: "green", FAILING: "bold red", NOT_STARTED: "dim"}


@dataclass
class DayStatus:
    """How far one day is: its counts, its status, and the first failure if any."""

    day: int
    week: int
    title: str
    status: str
    passed: int
    failed: int
    total: int
    first_failure: str = ""
    reason: str = ""
    project: str = ""


def _day_status(day: Day, root: Path, runs: dict[str, ProjectRun]) -> DayStatus:
    status = DayStatus(day.day, day.week, day.title, NOT_STARTED, 0, 0, 0)
    started = [p for p in day.projects if has_code(root / p)]
    for project in started:
        run = runs.get(project)
        if run is None:
            continue
        broken = run.collection_errors()
        if run.database_unavailable or run.crashed or broken:
            status.failed += 1
            status.total += 1
            status.project = status.project or project
            status.first_failure = status.first_failure or (broken[0]["nodeid"] if broken else "")
            status.reason = status.reason or (
                broken[0]["reason"] if broken else run.last_log_line()
            )
            continue
        for result in (r for r in run.results if r["day"] == day.day):
            status.total += 1
            if result["outcome"] == "passed":
                status.passed += 1
                continue
            status.failed += 1
            if not status.first_failure:
                status.first_failure, status.project = result["nodeid"], project
                status.reason = result["reason"] or result["outcome"]
    if status.failed:
        status.status = FAILING
    elif status.total:
        status.status = DONE
    return status


def summarize(days: tuple[Day, ...], root: Path, runs: dict[str, ProjectRun]) -> list[DayStatus]:
    """The status of each of ``days`` from the runs of their projects."""
    return [_day_status(day, root, runs) for day in days]


def write_json(
    statuses: list[DayStatus], extra: dict[str, Any], path: Path = PROGRESS_FILE
) -> dict[str, Any]:
    """Save the statuses (``.journey/progress.json`` by default) for scripts; return them."""
    document = {"days": [asdict(s) for s in statuses], **extra}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1))
    return document


def render(console: Console, statuses: list[DayStatus], title: str) -> None:
    """Print the journey table."""
    table = Table(title=title, title_justify="left")
    table.add_column("week", justify="right")
    table.add_column("day", justify="right")
    table.add_column("title")
    table.add_column("tests", justify="right")
    table.add_column("status")
    for s in statuses:
        counts = f"{s.passed}/{s.total}" if s.total else "-"
        style = _STYLE[s.status]
        table.add_row(str(s.week), str(s.day), s.title, counts, f"[{style}]{s.status}[/]")
    console.print(table)
    done = sum(s.status == DONE for s in statuses)
    pending = sum(s.status == NOT_STARTED for s in statuses)
    console.print(f"{done}/{len(statuses)} days done, {pending} not started.")


def closing_line(runs: dict[str, ProjectRun]) -> str:
    """pytest's own closing words over every project run: 'tests: N passed, N failed'."""
    results = [r for run in runs.values() for r in run.results]
    passed = sum(r["outcome"] == "passed" for r in results)
    skipped = sum(r["outcome"] == "skipped" for r in results)
    failed = len(results) - passed - skipped
    failed += sum(1 for run in runs.values() if run.crashed and not run.results)
    return f"tests: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")


def render_first_failure(
    console: Console, statuses: list[DayStatus], days: tuple[Day, ...]
) -> None:
    """Detail for the first failing day only: the test, why, the hint, how to rerun."""
    failing = next((s for s in statuses if s.status == FAILING), None)
    if failing is None:
        return
    hint = next((d.hint for d in days if d.day == failing.day), "")
    console.print(f"\n[bold red]Day {failing.day} is failing[/] ({failing.title})")
    if failing.first_failure:
        console.print(f"  test:   {failing.first_failure}")
    console.print(f"  reason: {failing.reason}")
    if hint:
        console.print(f"  hint:   {hint}")
    console.print(f"  rerun:  make test-day {failing.day}")
    if failing.project:
        console.print(f"          (cd {failing.project} && python -m pytest --day {failing.day})")
        console.print(f"  log:    {log_path(failing.project)}")
