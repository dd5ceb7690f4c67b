"""``journey``: the learner's console behind the Makefile (test, progress, run, db, typecheck)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from journey import STATE_DIR, curriculum
from journey import commands as learner_commands
from journey.check import Scope, run_check
from journey.course import CourseError
from journey.curriculum import HARNESS_PROJECT, WEEK_FOLDERS, Curriculum, Day
from journey.errors import DatabaseUnavailable, ServeError
from journey.starter import StarterError

USAGE_ERROR = 2
ENVIRONMENT_ERROR = 3


class UsageError(Exception):
    """A wrong argument: the message names what is valid."""


def _number(value: str) -> int | None:
    """A small whole number in ASCII digits, or None ("²" passes isdigit but not int())."""
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 4 else None


def _check_week(value: str) -> int:
    if _number(value) not in WEEK_FOLDERS:
        raise UsageError(f"week '{value}' does not exist: choose 1-8 (e.g. make test-week 3)")
    return int(value)


def _check_day(plan: Curriculum, value: str) -> Day:
    number = _number(value)
    found = plan.day(number) if number is not None else None
    if found is None:
        last = plan.days[-1].day
        raise UsageError(f"day '{value}' does not exist: choose 1-{last} (e.g. make test-day 25)")
    return found


def start_database() -> bool:
    """Make sure a server answers; return True when this call started the embedded one."""
    import sqlalchemy as sa

    from journey import pg

    if os.environ.get("DATABASE_URL"):
        url = pg.server_url()
        engine = sa.create_engine(url, connect_args={"connect_timeout": 5}, poolclass=sa.NullPool)
        try:
            with engine.connect():
                return False
        except sa.exc.OperationalError as error:
            raise pg.DatabaseUnavailable(pg.describe_failure(url, error)) from None
    was_running = pg.embedded_running()
    pg.ensure_embedded()
    return not was_running


def _scope(plan: Curriculum, week: int | None, only: Day | None, *, cached: bool) -> Scope:
    if only is not None:
        return Scope(days=(only,), title=f"Day {only.day}", day=only.day)
    if week is not None:
        return Scope(days=plan.days_of_week(week), title=f"Week {week}")
    return Scope(days=plan.days, title="The journey", harness=not cached, use_cache=cached)


def _typecheck(plan: Curriculum) -> int:
    """mypy --strict per project: projects may share top-level names such as ``app``."""
    strict = {p for d in plan.days if d.strict for p in d.projects}
    projects = [p for p in plan.projects() if p in strict and curriculum.has_code(plan.root / p)]
    projects.append(HARNESS_PROJECT)
    config = plan.root / "pyproject.toml"

    def check(project: str, cache: Path) -> tuple[str, subprocess.CompletedProcess[str]]:
        command = [sys.executable, "-m", "mypy", "--strict", "--config-file", str(config)]
        command += ["--cache-dir", str(cache), "."]
        done = subprocess.run(
            command, cwd=plan.root / project, capture_output=True, text=True, check=False
        )
        return project, done

    def lane(index: int) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
        # One cache per lane, reused project after project: the third-party stubs
        # (SQLAlchemy, FastAPI, pydantic) are analysed once per lane, not per project.
        cache = STATE_DIR / "mypy" / f"lane{index}"
        return [check(project, cache) for project in projects[index::2]]

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = [outcome for done in pool.map(lane, range(2)) for outcome in done]
    failed = 0
    for project, done in outcomes:
        mark = "ok " if done.returncode == 0 else "FAIL"
        print(f"{mark} {project}: {(done.stdout.strip().splitlines() or [''])[-1]}")
        if done.returncode != 0:
            failed += 1
            print(done.stdout)
    return 1 if failed else 0


def _db(action: str, day: Day | None = None) -> int:
    from journey import pg

    if action == "up":
        start_database()
        url = pg.server_url()
        print(f"PostgreSQL ready: {pg.masked(url)}")
    elif action == "down":
        stopped = pg.stop_embedded()
        print("embedded PostgreSQL stopped" if stopped else "embedded PostgreSQL was not running")
    elif action == "url":
        print(_learner_database_url(day))
    elif action == "shell":
        os.execv(*_shell_argv())
    return 0


LEARNER_DATABASE = "journey"
"""The database the learner's own scripts use (the days' "run it yourself" commands)."""


def _learner_database_url(day: Day | None = None) -> str:
    """A URL any client understands (SQLAlchemy, psycopg, psql) of the learner's database,
    created on first use; the tests never touch it (they clone databases of their own).
    With a day, a database of that day's own (``day22``): days define tables of the same
    names differently, and ``create_all`` would keep an earlier day's table."""
    import sqlalchemy as sa

    from journey import pg

    database = f"day{day.day:02d}" if day is not None else LEARNER_DATABASE
    start_database()
    server = pg.server_url()
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with engine.connect() as conn:
        found = sa.text("SELECT 1 FROM pg_database WHERE datname = :n")
        if conn.execute(found, {"n": database}).scalar() is None:
            conn.exec_driver_sql(f'CREATE DATABASE "{database}"')
    url = server.set(drivername="postgresql", database=database)
    return url.render_as_string(hide_password=False)


def _shell_argv() -> tuple[str, list[str]]:
    from journey import pg

    command = pg.psql_command(pg.server_url())
    return command[0], command


def _starter(plan: Curriculum, day: Day) -> int:
    """Write the day's starter files under .journey/starters/dayNN to look at."""
    from journey.course import Reference, entries, project_starter

    if not day.starter:
        raise UsageError(f"day {day.day} has no starter entries in curriculum.toml")
    target = STATE_DIR / "starters" / f"day{day.day:02d}"
    files = project_starter(plan, day.project, Reference.of(plan.root), day.day, for_disk=True)
    mine = {e.path for e in entries(day)}
    for path, text in files.items():
        if path in mine:
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_text(text)
            print(target / path)
    return 0


def _check_starters(plan: Curriculum, only: Day | None) -> int:
    from journey.course import START_FILE

    if (plan.root / START_FILE).exists():
        raise UsageError(
            "check-starters checks the reference solutions: run it on main, not on your branch"
        )
    from journey import starter_check

    verdicts = starter_check.check(plan, [only] if only is not None else list(plan.days))
    bad = 0
    for verdict in verdicts:
        mark = "ok  " if not verdict.problems else "FAIL"
        print(
            f"{mark} day {verdict.day:2d} {verdict.project}: {verdict.failed} of its tests fail "
            f"on the starter, {verdict.earlier_passed} earlier days' tests pass"
        )
        for problem in verdict.problems[:10]:
            print(f"       {problem}")
        bad += bool(verdict.problems)
    unbuilt = [
        d.day for d in plan.days if not d.starter and curriculum.has_code(plan.root / d.project)
    ]
    if only is None and unbuilt:
        print(f"FAIL days with code but no starter entries: {unbuilt}")
        bad += 1
    print(f"starters: {len(verdicts) - bad} passed, {bad} failed")
    return 1 if bad else 0


def build_parser() -> argparse.ArgumentParser:
    """The ``journey`` command line."""
    parser = argparse.ArgumentParser(prog="journey", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    test = commands.add_parser("test", help="run the checks and print the journey table")
    scope = test.add_mutually_exclusive_group()
    scope.add_argument("--week", help="the week (1-8) whose folder to run")
    scope.add_argument("--day", help="the day (1-56) to run")
    test.add_argument("--json", action="store_true", help="print the results as JSON")
    progress = commands.add_parser("progress", help="the journey table (runs every day)")
    progress.add_argument("--json", action="store_true", help="print the results as JSON")
    commands.add_parser("typecheck", help="mypy --strict on week 1-2, milestones and the harness")
    run = commands.add_parser("run", help="serve a project with uvicorn on 127.0.0.1")
    run.add_argument("name")
    commands.add_parser("start", help="begin: a branch where every built day is its starter")
    commands.add_parser("next", help="the first day that is not done, and how to check it")
    watch = commands.add_parser("watch", help="rerun a day's tests on every save")
    watch.add_argument("day", nargs="?", default=None)
    for name, text in (
        ("hint", "the hints of a day's tests and the roadmap's advice"),
        ("reset", "put a day back to its starter (your files are backed up)"),
        ("solution", "write a day's reference under .journey/solutions (try first)"),
    ):
        commands.add_parser(name, help=text).add_argument("day")
    commands.add_parser("coverage", help="one combined coverage report over every project")
    starter = commands.add_parser("starter", help="write a day's starter under .journey/starters")
    starter.add_argument("day")
    check = commands.add_parser("check-starters", help="prove each starter fails its day's tests")
    check.add_argument("--day", help="only this day")
    db = commands.add_parser("db", help="the PostgreSQL server")
    db.add_argument("action", choices=["up", "down", "shell", "url"])
    db.add_argument("day", nargs="?", default=None, help="with url: that day's own database")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``journey`` command."""
    args = build_parser().parse_args(argv)
    try:
        plan = curriculum.load()
    except (OSError, ValueError, KeyError, TypeError) as error:  # tomllib's errors are ValueErrors
        print(f"journey: curriculum.toml cannot be read: {error}", file=sys.stderr)
        return ENVIRONMENT_ERROR
    try:
        if args.command == "test":
            week = _check_week(args.week) if args.week is not None else None
            day = _check_day(plan, args.day) if args.day is not None else None
            return run_check(plan, _scope(plan, week, day, cached=False), as_json=args.json)
        if args.command == "progress":
            return run_check(plan, _scope(plan, None, None, cached=True), as_json=args.json)
        if args.command == "typecheck":
            return _typecheck(plan)
        if args.command == "run":
            from journey.serve import serve

            return serve(plan, args.name, start_database=start_database)
        if args.command == "start":
            return learner_commands.start(plan)
        if args.command == "next":
            return learner_commands.next_day(plan)
        if args.command == "watch":
            chosen = _check_day(plan, args.day) if args.day else None
            return learner_commands.watch(plan, chosen)
        if args.command in ("hint", "reset", "solution"):
            handler = getattr(learner_commands, args.command)
            return int(handler(plan, _check_day(plan, args.day)))
        if args.command == "coverage":
            from journey import coverage_report

            return coverage_report.run(plan)
        if args.command == "starter":
            return _starter(plan, _check_day(plan, args.day))
        if args.command == "check-starters":
            only = _check_day(plan, args.day) if args.day is not None else None
            return _check_starters(plan, only)
        return _db(args.action, _check_day(plan, args.day) if args.day else None)
    except (UsageError, CourseError, ServeError, StarterError) as error:
        print(f"journey: {error}", file=sys.stderr)
        return USAGE_ERROR
    except DatabaseUnavailable as error:
        print(f"journey: {error}", file=sys.stderr)
        return ENVIRONMENT_ERROR
    except IsADirectoryError as error:
        print(f"journey: {error.filename} is a folder where a file belongs", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:
        # The reader went away (`journey ... | head`): nothing left to say to it.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("journey: interrupted; the next run cleans up what this one left.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
