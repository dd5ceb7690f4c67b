"""``make test`` / ``test-week`` / ``test-day`` / ``progress``: run, then print the table.

Only projects holding a day that is neither "to do" nor "not built" are run: a
starter's tests would only fail, and a learner's branch would take as long as main.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass

from rich.console import Console
from rich.live import Live
from rich.text import Text

from journey.course import NOT_BUILT, TO_DO, Reference, day_state, edited_tests
from journey.curriculum import HARNESS_PROJECT, Curriculum, Day, uses_database
from journey.progress import (
    FAILING,
    closing_line,
    flag_edited_tests,
    render,
    render_first_failure,
    summarize,
    write_json,
)
from journey.runner import ProjectRun, run_projects

ENVIRONMENT_ERROR = 3


@dataclass(frozen=True)
class Scope:
    """Which days to check and how."""

    days: tuple[Day, ...]
    title: str
    day: int | None = None
    harness: bool = False
    use_cache: bool = False


class ProgressDisplay:
    """Projects done out of total, the ones running, elapsed time: live on a terminal,
    one plain line per finished project elsewhere (CI logs, pipes)."""

    def __init__(self, console: Console, total: int) -> None:
        self.console = console
        self.total = total
        self.done = 0
        self.running: list[str] = []
        self.started = time.monotonic()
        self.live: Live | None = None
        if console.is_terminal and total:
            self.live = Live(self._line(), console=console, transient=True, auto_refresh=True)

    def _line(self) -> Text:
        elapsed = time.monotonic() - self.started
        running = ", ".join(self.running) or "-"
        return Text(f"checking {self.done}/{self.total} projects · {elapsed:4.1f} s · {running}")

    def __enter__(self) -> ProgressDisplay:
        if self.live is not None:
            self.live.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.stop()

    def event(self, kind: str, project: str, run: ProjectRun | None) -> None:
        """Called by the runner as projects start and finish."""
        if kind == "start":
            self.running.append(project)
        else:
            self.done += 1
            if project in self.running:
                self.running.remove(project)
            if self.live is None and run is not None and self.total:
                passed = sum(r["outcome"] == "passed" for r in run.results)
                failed = len(run.results) - passed
                self.console.print(
                    f"[{self.done:2d}/{self.total}] {project}: {passed} passed, "
                    f"{failed} not passed ({run.seconds:.1f} s)",
                    highlight=False,
                )
        if self.live is not None:
            self.live.update(self._line())


def run_check(plan: Curriculum, scope: Scope, *, as_json: bool = False, show: bool = True) -> int:
    """Run the checks of ``scope``, print the table (unless not ``show``); 1 while any
    day fails."""
    stream = sys.stderr if as_json else sys.stdout
    # Logs (CI, a pipe) get a table wide enough that titles do not wrap.
    # emoji=False: a test's message is shown as written (":x:" stays ":x:").
    console = Console(stderr=as_json, width=None if stream.isatty() else 110, emoji=False)
    reference = Reference.of(plan.root)
    states = {d.day: day_state(plan, d, reference) for d in scope.days}
    active = [d for d in scope.days if states[d.day] not in (TO_DO, NOT_BUILT)]
    projects = list(dict.fromkeys(d.project for d in active))
    if scope.harness:
        projects.append(HARNESS_PROJECT)
    runs: dict[str, ProjectRun] = {}
    if projects:
        if any(uses_database(plan.root / p) for p in projects):
            # Started once here, so an unreachable server is one clear line, not N failures.
            from journey.cli import start_database

            start_database()
        with ProgressDisplay(console, len(projects) if show else 0) as display:
            runs = run_projects(
                plan.root, projects, scope.day, use_cache=scope.use_cache, on_event=display.event
            )
    problems = {p: run.environment_problem() for p, run in runs.items()}
    if any(problems.values()):
        # Not the learner's failure: say what broke, blame no day, exit as the CLI does
        # for an unreachable server.
        for project, problem in problems.items():
            if problem:
                console.print(f"journey: {project}: {problem}", highlight=False, markup=False)
        return ENVIRONMENT_ERROR
    statuses = summarize(plan, scope.days, states, runs)
    if reference.commit is not None:
        edited = edited_tests(reference, list(dict.fromkeys(s.project for s in statuses)))
        flag_edited_tests(plan, statuses, edited, reference.commit)
    harness = runs.get(HARNESS_PROJECT)
    extra = {"harness": None if harness is None else {"exit_code": harness.exit_code}}
    document = write_json(statuses, extra)
    if as_json:
        print(json.dumps(document, indent=1))
    if not show:
        return 1 if any(s.status == FAILING for s in statuses) else 0
    render(console, statuses, scope.title)
    render_first_failure(console, statuses, scope.days)
    failing = any(s.status == FAILING for s in statuses)
    if harness is not None and harness.exit_code != 0:
        console.print(f"[bold red]The harness's own tests failed[/]: see {harness.log}")
        failing = True
    console.print(closing_line(runs), highlight=False)
    return 1 if failing else 0
