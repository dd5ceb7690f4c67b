"""The learner's loop as commands: start, next, watch, hint, reset, solution."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from journey import learner
from journey.check import Scope, run_check
from journey.course import NOT_BUILT, TO_DO, Reference, day_state
from journey.curriculum import Curriculum, Day
from journey.progress import PROGRESS_FILE
from journey.runner import RESULTS_DIR, file_slug


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def start(plan: Curriculum) -> int:
    """``make start``: a branch of starters, committed; then where to begin."""
    branch = learner.start(plan)
    print(f"You are on branch '{branch}': every built day is now a starter, ready for you.")
    print("Next: make next   (the first day to do, its brief and how to check it)")
    print("Commit as you go: git commit -am 'Day 1: Environment setup'")
    return 0


def next_day(plan: Curriculum) -> int:
    """``make next``: the first day not done, from the last results (cached when unchanged)."""
    code = run_check(plan, Scope(days=plan.days, title="The journey", use_cache=True), show=False)
    statuses = json.loads(PROGRESS_FILE.read_text())["days"]
    open_days = [s for s in statuses if s["status"] in ("failing", TO_DO)]
    done = sum(s["status"] == "done" for s in statuses)
    built = sum(s["status"] != NOT_BUILT for s in statuses)
    print(f"{done} of {built} built days done.")
    if not open_days:
        built = [s for s in statuses if s["status"] != NOT_BUILT]
        print(f"Every built day is done ({len(built)} of {len(statuses)}).")
        return code
    day = open_days[0]
    print(f"Next: day {day['day']}, {day['title']} ({day['status']})")
    print(f"  brief:  {day['readme']}")
    print(f"  check:  make test-day {day['day']}   (or make watch {day['day']} while you work)")
    return 0


def hint(plan: Curriculum, day: Day) -> int:
    """``make hint N``: the hints of the day's tests (failing first) and the roadmap's advice."""
    results_file = RESULTS_DIR / f"{file_slug(day.project)}.jsonl"
    results = []
    if results_file.exists():
        for line in results_file.read_text(errors="replace").splitlines():
            try:
                result = json.loads(line)
            except ValueError:
                continue  # a line cut short by a killed run
            if isinstance(result, dict):
                results.append(result)
    mine = [r for r in results if r.get("day") == day.day and r.get("hint")]
    failing = [r["hint"] for r in mine if r.get("outcome") != "passed"]
    hints = list(dict.fromkeys(failing + [r["hint"] for r in mine]))
    print(f"Day {day.day}: {day.title}   (brief: {day.readme})")
    for text in hints:
        print(f"  hint:      {text}")
    if not hints and day.starter:
        print(f"  (run make test-day {day.day} first: the hints of failing tests show here)")
    if not day.starter:
        print("  (this day is not built yet)")
    if day.hint:
        print(f"  if behind: {day.hint} (the roadmap's advice)")
    return 0


def reset(plan: Curriculum, day: Day) -> int:
    """``make reset N``: the day back to its starter, the learner's files backed up."""
    backup = learner.reset(plan, day)
    print(f"Day {day.day} is back to its starter. Your files are saved in {_relative(backup)}")
    return 0


def solution(plan: Curriculum, day: Day) -> int:
    """``make solution N``: the reference, beside (never over) the learner's files."""
    state = day_state(plan, day, Reference.of(plan.root))
    if state == TO_DO:
        print(f"Day {day.day} is still its starter: try first (make hint {day.day} helps).")
    folder, paths = learner.solution(plan, day)
    print(
        f"The reference of day {day.day} is in {_relative(folder)}: compare, do not copy blindly."
    )
    for path in paths:
        print(f"  diff -u {day.project}/{path} {_relative(folder / path)}")
    return 0


def watch(plan: Curriculum, day: Day | None) -> int:
    """``make watch [N]``: rerun the day's tests on every save and redraw its status."""
    from watchfiles import watch as watch_files

    if day is None:
        reference = Reference.of(plan.root)
        built = [d for d in plan.days if day_state(plan, d, reference) != NOT_BUILT]
        day = first_open_day_quick(plan) or (built[0] if built else None)
    if day is None:
        print("Nothing to watch: no day is built yet.")
        return 0
    console = Console()
    folder = plan.root / day.project

    def check() -> None:
        console.clear()
        run_check(plan, Scope(days=(day,), title=f"Day {day.day} (watching)", day=day.day))
        console.print(f"\nWatching {_relative(folder)}: save a file to rerun, Ctrl-C to stop.")

    check()
    try:
        for _ in watch_files(folder, debounce=200, step=50, watch_filter=_source_files):
            check()
    except KeyboardInterrupt:
        pass
    return 0


def _source_files(_change: object, path: str) -> bool:
    parts = Path(path).parts
    return not {"__pycache__", ".pytest_cache", ".mypy_cache"} & set(parts) and not path.endswith(
        (".pyc", ".log", ".jsonl")
    )


def first_open_day_quick(plan: Curriculum) -> Day | None:
    """The first day whose last results were not done, without running anything."""
    try:
        statuses = json.loads(PROGRESS_FILE.read_text())["days"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(statuses, list):
        return None
    for status in statuses:
        if isinstance(status, dict) and status.get("status") in ("failing", TO_DO):
            return plan.day(int(status.get("day", 0)))
    return None
