"""Turns test results into the journey table: done, failing, to do or not built per day."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from journey import REPO_ROOT, STATE_DIR
from journey.course import NOT_BUILT, TO_DO, missing_files
from journey.curriculum import Curriculum, Day
from journey.recorder import days_in_file
from journey.runner import TIMEOUT_EXIT_CODE, ProjectRun, log_path, project_timeout

PROGRESS_FILE = STATE_DIR / "progress.json"

DONE, FAILING = "done", "failing"
_STYLE = {DONE: "green", FAILING: "bold red", TO_DO: "yellow", NOT_BUILT: "dim"}
SHOWN_FAILURES = 5


@dataclass
class DayStatus:
    """How far one day is: its counts, its status, and its failing tests if any."""

    day: int
    week: int
    title: str
    status: str
    passed: int
    failed: int
    total: int
    project: str = ""
    readme: str = ""
    failures: list[dict[str, str]] = field(default_factory=list)


def _fail(status: DayStatus, nodeid: str, reason: str, hint: str = "", count: int = 1) -> None:
    status.failed += count
    status.total += count
    status.failures.append({"test": nodeid, "reason": reason, "hint": hint})


def _day_status(plan: Curriculum, day: Day, state: str, runs: dict[str, ProjectRun]) -> DayStatus:
    status = DayStatus(day.day, day.week, day.title, state, 0, 0, 0, day.project, day.readme)
    if state in (NOT_BUILT, TO_DO):
        return status
    run = runs.get(day.project)
    missing = missing_files(plan, day)
    if run is None:
        return status
    if run.exit_code == TIMEOUT_EXIT_CODE:
        # Almost always the learner's code: an endless loop, a blocking call, input().
        reason = (
            f"the tests did not finish within {project_timeout()} s: an endless loop or a "
            "blocking call? The log shows where it hung (JOURNEY_TIMEOUT sets the limit)"
        )
        _fail(status, "", reason)
        status.status = FAILING
        return status
    if not run.finished and not run.database_unavailable:
        # os._exit() or a crash in the learner's code ends the process before pytest reports.
        reason = (
            f"the test process ended before pytest finished (exit {run.exit_code}): does code "
            "run while a module is imported call os._exit() or crash? See the log"
        )
        _fail(status, "", reason)
        status.status = FAILING
        return status
    # A collection error also stops pytest (exit 2), but its results say which test broke.
    if run.database_unavailable or (run.crashed and not run.results):
        _fail(status, "", run.last_log_line() or f"pytest stopped with exit {run.exit_code}")
    for broken in run.collection_errors():
        # conftest.py or a shared module did not import: no test of the project ran.
        _fail(status, broken["nodeid"], broken["reason"])
    for result in (r for r in run.results if r["day"] == day.day):
        count = int(result.get("count", 1))
        if result["outcome"] == "passed":
            status.passed += count
            status.total += count
        else:
            reason = result["reason"] or result["outcome"]
            _fail(status, result["nodeid"], reason, result.get("hint", ""), count)
    if missing:
        reason = f"missing file{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"
        status.failures.insert(0, {"test": day.project, "reason": reason, "hint": ""})
    if status.total == 0 and not status.failures:
        _fail(status, day.project, f"no test tagged @pytest.mark.day({day.day}) ran")
    status.status = FAILING if status.failures else DONE
    return status


def summarize(
    plan: Curriculum, days: tuple[Day, ...], states: dict[int, str], runs: dict[str, ProjectRun]
) -> list[DayStatus]:
    """The status of each of ``days`` from its state (journey.course) and its project's run."""
    return [_day_status(plan, day, states[day.day], runs) for day in days]


def flag_edited_tests(
    plan: Curriculum, statuses: list[DayStatus], edited: list[str], commit: str
) -> None:
    """A day is done only on the tests it was given: one whose test file was edited (or a
    conftest of its project) is failing, with how to restore the file."""
    # Days named in each edited file; {} (every day of its project) for a conftest or helper.
    tagged = {
        path: {} if path.endswith("conftest.py") else days_in_file(plan.root / path)
        for path in edited
    }
    for status in statuses:
        if status.status != DONE:
            continue
        for path, days in tagged.items():
            if path.startswith(status.project + "/") and (not days or status.day in days):
                reason = (
                    f"{path} differs from the file make start gave you: a day is done on the "
                    f"given tests (restore it: git checkout {commit[:12]} -- {path}; "
                    "write your own tests in a new file)"
                )
                _fail(status, path, reason)
                status.status = FAILING


def write_json(
    statuses: list[DayStatus], extra: dict[str, Any], path: Path = PROGRESS_FILE
) -> dict[str, Any]:
    """Save the statuses (``.journey/progress.json`` by default) for scripts; return them."""
    document = {"days": [asdict(s) for s in statuses], **extra}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1))
    return document


def render(console: Console, statuses: list[DayStatus], title: str) -> None:
    """Print the journey table and a one-line count."""
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
    counted = {name: sum(s.status == name for s in statuses) for name in _STYLE}
    parts = [f"{counted[DONE]}/{len(statuses)} days done"]
    parts += [f"{counted[name]} {name}" for name in (FAILING, TO_DO, NOT_BUILT) if counted[name]]
    console.print(", ".join(parts) + ".", highlight=False)


def closing_line(runs: dict[str, ProjectRun]) -> str:
    """pytest's own closing words over every project run: 'tests: N passed, N failed'."""
    results = [r for run in runs.values() for r in run.results]
    passed = sum(int(r.get("count", 1)) for r in results if r["outcome"] == "passed")
    skipped = sum(int(r.get("count", 1)) for r in results if r["outcome"] == "skipped")
    failed = sum(int(r.get("count", 1)) for r in results) - passed - skipped
    failed += sum(1 for run in runs.values() if run.crashed and not run.results)
    return f"tests: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")


def rerun_command(project: str, day: int, cwd: Path | None = None) -> str:
    """A command that reruns one day's tests from a plain shell, with the journey's .venv."""
    here = (cwd or Path.cwd()).resolve()
    target = REPO_ROOT / project
    python = REPO_ROOT / ".venv" / "bin" / "python"
    try:
        folder = os.path.relpath(target, here)
        python_path = os.path.relpath(python, target)
    except ValueError:
        folder, python_path = str(target), str(python)
    return f"(cd {folder} && {python_path} -m pytest --day {day})"


def render_first_failure(
    console: Console, statuses: list[DayStatus], days: tuple[Day, ...]
) -> None:
    """Detail for the first failing day: its failing tests, a hint, how to rerun."""
    failing = next((s for s in statuses if s.status == FAILING), None)
    if failing is None:
        return
    day = next(d for d in days if d.day == failing.day)
    console.print(f"\n[bold red]Day {failing.day} is failing[/] ({escape(failing.title)})")
    for failure in failing.failures[:SHOWN_FAILURES]:
        if failure["test"]:
            console.print(f"  [bold]{escape(failure['test'])}[/]", highlight=False)
        for line in failure["reason"].splitlines()[:5]:
            console.print(f"      {escape(line)}", highlight=False)
    hidden = len(failing.failures) - SHOWN_FAILURES
    if hidden > 0:
        console.print(f"  ... and {hidden} more failing (see the log)")
    hint = next((f["hint"] for f in failing.failures if f["hint"]), "")
    if hint:
        console.print(f"  hint:      {escape(hint)}", highlight=False)
    if day.hint:
        console.print(f"  if behind: {escape(day.hint)} (the roadmap's advice)", highlight=False)
    console.print(f"  brief:     {failing.readme}", highlight=False)
    console.print(f"  rerun:     make test-day {failing.day}", highlight=False)
    console.print(f"             {rerun_command(failing.project, failing.day)}", highlight=False)
    console.print(f"  log:       {log_path(failing.project)}", highlight=False)
