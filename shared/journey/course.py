"""The course: each day's starter computed from the reference, and where a day stands.

On ``main`` the reference is the working tree. On a learner's branch (``make start``)
the working tree holds the learner's code, and the reference is read from the commit
the branch started from, recorded in ``.journey-start`` at the repository root.
"""

from __future__ import annotations

import subprocess
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from journey.curriculum import Curriculum, Day, has_code
from journey.starter import Entry, StarterError, derive, fingerprint, lint_clean

START_FILE = ".journey-start"
"""Committed on a learner's branch: the commit whose reference solutions it started from."""

NOT_BUILT, TO_DO, STARTED = "not built", "to do", "started"


class CourseError(RuntimeError):
    """The course cannot do what was asked; the message says why in one line."""


@dataclass(frozen=True)
class Reference:
    """Where reference solutions are read from: the working tree, or a commit."""

    root: Path
    commit: str | None

    @classmethod
    def of(cls, root: Path) -> Reference:
        """The reference of the checkout at ``root``."""
        marker = root / START_FILE
        if not marker.is_file():
            return cls(root, None)
        try:
            commit = str(tomllib.loads(marker.read_text())["reference"])
        except (OSError, ValueError, KeyError) as error:
            raise CourseError(
                f"{START_FILE} is damaged ({type(error).__name__}): restore it with "
                f"git checkout -- {START_FILE}"
            ) from None
        found = subprocess.run(
            ["git", "cat-file", "-e", f"{commit}^{{commit}}"],
            cwd=root,
            capture_output=True,
            check=False,
        )
        if found.returncode != 0:
            raise CourseError(
                f"{START_FILE} names commit {commit[:12]!r}, which this clone does not have: "
                f"restore it with git checkout -- {START_FILE}"
            )
        return cls(root, commit)

    def stamp(self, paths: list[str]) -> tuple[object, ...]:
        """What identifies the content of ``paths``: the commit, or their sizes and times."""
        if self.commit is not None:
            return (self.commit,)
        stamps: list[object] = []
        for path in paths:
            try:
                info = (self.root / path).stat()
                stamps.append((path, info.st_mtime_ns, info.st_size))
            except OSError:
                stamps.append((path, None))
        return tuple(stamps)

    def read(self, path: str) -> str:
        """The reference content of ``path`` (relative to the repository root)."""
        if self.commit is None:
            return (self.root / path).read_text()
        return _git_show(self.root, self.commit, path)


@cache
def _git_show(root: Path, commit: str, path: str) -> str:
    done = subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=root, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise CourseError(f"the reference of {path} is not in commit {commit[:12]}")
    return done.stdout


def edited_tests(reference: Reference, projects: list[str]) -> list[str]:
    """The given test files (``tests/``, ``conftest.py``) of ``projects`` that differ from the
    reference ``make start`` recorded, deleted ones included; [] outside a learner's branch.

    A learner's own new test files are untracked there and do not count.
    """
    if reference.commit is None or not projects:
        return []
    paths = [f"{p}/{name}" for p in projects for name in ("tests", "conftest.py")]
    done = subprocess.run(
        ["git", "diff", "--name-only", "--no-renames", reference.commit, "--", *paths],
        cwd=reference.root,
        capture_output=True,
        text=True,
        check=False,
    )
    return sorted(line for line in done.stdout.splitlines() if line.strip())


def entries(day: Day) -> list[Entry]:
    """The day's starter entries, parsed."""
    return [Entry.parse(text) for text in day.starter]


def project_entries(plan: Curriculum, project: str) -> list[tuple[int, Entry]]:
    """Every (day, entry) of the days whose code lives in ``project``."""
    return [(day.day, entry) for day in plan.days_of_project(project) for entry in entries(day)]


def project_starter(
    plan: Curriculum,
    project: str,
    reference: Reference,
    from_day: int = 0,
    *,
    for_disk: bool = False,
) -> dict[str, str]:
    """The starter text of each file of ``project`` that days >= ``from_day`` teach.

    ``for_disk`` adds what a file written to the tree needs to pass ruff (unused imports).
    """
    owned = [(day, entry) for day, entry in project_entries(plan, project) if day >= from_day]
    paths = sorted({f"{project}/{entry.path}" for _, entry in owned})
    key = (tuple(owned), project, reference, for_disk, reference.stamp(paths))
    if key in _STARTERS:
        return dict(_STARTERS[key])
    try:
        files = derive(lambda path: reference.read(f"{project}/{path}"), owned)
    except (OSError, StarterError) as error:
        raise CourseError(f"{project}: {error}") from None
    if for_disk:
        files = {p: lint_clean(t) if p.endswith(".py") else t for p, t in files.items()}
    _STARTERS[key] = dict(files)
    return files


_STARTERS: dict[tuple[object, ...], dict[str, str]] = {}
"""Starters already derived in this process (every day of a milestone shares them)."""


def _others(plan: Curriculum, day: Day, entry: Entry) -> frozenset[str]:
    """Names inside ``entry`` that another entry of the project owns."""
    if entry.name is None:
        return frozenset()
    prefix = entry.name + "."
    return frozenset(
        other.name
        for _, other in project_entries(plan, day.project)
        if other.path == entry.path and other.name and other.name.startswith(prefix)
    )


def day_state(plan: Curriculum, day: Day, reference: Reference) -> str:
    """``not built`` (no reference yet), ``to do`` (still the starter) or ``started``."""
    if not day.starter:
        # Code without starter entries is checked as it is (check-starters flags it).
        return STARTED if has_code(plan.root / day.project) else NOT_BUILT
    try:
        starters = project_starter(plan, day.project, reference)
    except CourseError:
        return NOT_BUILT
    for entry in entries(day):
        current = plan.root / day.project / entry.path
        if not current.is_file():
            return STARTED  # a file the day needs is missing: its tests say which
        others = _others(plan, day, entry)
        mine = fingerprint(current.read_text(errors="replace"), entry, others)
        if mine != fingerprint(starters[entry.path], entry, others):
            return STARTED
    return TO_DO


def missing_files(plan: Curriculum, day: Day) -> list[str]:
    """The day's files that are not in the working tree (deleted or not written yet)."""
    folder = plan.root / day.project
    return sorted({e.path for e in entries(day) if not (folder / e.path).is_file()})
