"""Proves every built day's starter against its tests (``make check-starters``).

For a project whose days are d1 < d2 < ... < dk, copy i holds the reference of the
days before di and the starter of di onwards. In it, every test of the earlier days
must pass (a day needs only its own and earlier days' code) and every test of di must
fail (a starter is never reported as done). A standalone day is the case k = 1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journey import STATE_DIR, databases
from journey.course import Reference, project_starter
from journey.curriculum import Curriculum, Day

CHECK_DIR = STATE_DIR / "starter-check"
_IGNORED = shutil.ignore_patterns("__pycache__", ".pytest_cache", ".mypy_cache", "*.pyc")


@dataclass
class Verdict:
    """What the starter of one day did to the tests."""

    day: int
    project: str
    problems: list[str] = field(default_factory=list)
    failed: int = 0
    earlier_passed: int = 0


def _copy_with_starter(plan: Curriculum, day: Day, reference: Reference) -> tuple[Path, list[Path]]:
    target = CHECK_DIR / f"day{day.day:02d}" / day.project
    shutil.rmtree(target.parents[len(Path(day.project).parts) - 1], ignore_errors=True)
    shutil.copytree(plan.root / day.project, target, ignore=_IGNORED)
    written = []
    for path, text in project_starter(plan, day.project, reference, day.day, for_disk=True).items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text)
        written.append(target / path)
    return target, written


def _lint_problems(root: Path, files: list[Path]) -> list[str]:
    """A starter is the learner's first commit: it must pass the repository's ruff."""
    python = [str(f) for f in files if f.suffix == ".py"]
    if not python:
        return []
    problems = []
    for command in (["check", "--no-cache", "-q"], ["format", "--check", "--no-cache", "-q"]):
        done = subprocess.run(
            [sys.executable, "-m", "ruff", *command, *python],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            output = (done.stdout + done.stderr).strip().splitlines()
            problems.append(f"the starter fails ruff {command[0]}: {' | '.join(output[:3])}")
    return problems


def _results(folder: Path, day: Day) -> tuple[int, list[dict[str, Any]], str]:
    results = folder / ".journey-results.jsonl"
    env = dict(os.environ, JOURNEY_RESULTS=str(results))
    env["JOURNEY_PROJECT"] = _copy_name(day)
    command = [sys.executable, "-m", "pytest", "-q", "--continue-on-collection-errors"]
    done = subprocess.run(
        [*command, "--rootdir", str(folder)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    lines = results.read_text().splitlines() if results.exists() else []
    return done.returncode, [json.loads(line) for line in lines if line], done.stdout[-2000:]


def check_day(plan: Curriculum, day: Day, reference: Reference) -> Verdict:
    """Run ``day``'s project with the day's starter (and later days') in a copy."""
    verdict = Verdict(day.day, day.project)
    folder, written = _copy_with_starter(plan, day, reference)
    verdict.problems += _lint_problems(plan.root, written)
    code, results, output = _results(folder, day)
    if not results:
        verdict.problems.append(f"pytest recorded nothing (exit {code}): {output.strip()[-300:]}")
        return verdict
    for result in results:
        count = int(result.get("count", 1))
        if result["day"] == day.day:
            if result["outcome"] == "passed":
                verdict.problems.append(f"passes on the starter: {result['nodeid']}")
            else:
                verdict.failed += count
        elif result["day"] is not None and result["day"] < day.day:
            if result["outcome"] == "passed":
                verdict.earlier_passed += count
            else:
                reason = (result["reason"] or result["outcome"]).splitlines()[0]
                verdict.problems.append(
                    f"day {result['day']} test fails without day {day.day}'s code: "
                    f"{result['nodeid']}: {reason}"
                )
        elif result["day"] is None and result["outcome"] == "error":
            verdict.problems.append(f"breaks collection: {result['nodeid']}: {result['reason']}")
    if verdict.failed == 0:
        verdict.problems.append("no test tagged for this day ran")
    return verdict


def check(plan: Curriculum, days: list[Day]) -> list[Verdict]:
    """Check each day of ``days`` that has a starter, two at a time."""
    reference = Reference.of(plan.root)
    built = [d for d in days if d.starter]
    with ThreadPoolExecutor(max_workers=2) as pool:
        verdicts = list(pool.map(lambda d: check_day(plan, d, reference), built))
    # The copies' templates (``<copy name>_<hash>``) are of no use after the check; a check
    # running in another process names its copies apart and keeps its own.
    databases.drop_templates_of([_copy_name(d) for d in built])
    return verdicts


def _copy_name(day: Day) -> str:
    """The project name a day's copy runs under: its templates never collide with others."""
    return f"{Path(day.project).name}_s{day.day}"
