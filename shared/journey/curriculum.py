"""The ordered manifest of the journey: ``curriculum.toml`` at the repository root."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from journey import REPO_ROOT

WEEK_FOLDERS = {1: "week01-02", 2: "week01-02", 3: "week03-04", 4: "week03-04"}
WEEK_FOLDERS |= {5: "week05-06", 6: "week05-06", 7: "week07-08", 8: "week07-08"}

HARNESS_PROJECT = "shared"
"""The journey package's own tests: run by a full ``make test``, not tied to a day."""


@dataclass(frozen=True)
class Day:
    """One day of the journey, as the manifest lists it."""

    day: int
    week: int
    title: str
    folder: str
    projects: tuple[str, ...]
    strict: bool
    hint: str
    starter: tuple[str, ...] = ()
    """What the day teaches, as ``journey.starter`` entries relative to ``project``."""

    @property
    def project(self) -> str:
        """The project folder that holds the day's code (its first project)."""
        return self.projects[0]

    @property
    def readme(self) -> str:
        """The day's brief, relative to the repository root."""
        return f"{self.folder}/README.md"

    @property
    def week_folder(self) -> str:
        """The folder of the two-week block holding this day (``week03-04``)."""
        return self.folder.split("/")[0]


@dataclass(frozen=True)
class App:
    """A project that ``make run P=NAME`` can serve."""

    name: str
    project: str
    target: str
    prepare: tuple[str, ...]


@dataclass(frozen=True)
class Curriculum:
    """Every day in order, and the servable apps."""

    days: tuple[Day, ...]
    apps: tuple[App, ...]
    root: Path

    def day(self, number: int) -> Day | None:
        """The day numbered ``number``, or None."""
        return next((d for d in self.days if d.day == number), None)

    def days_of_week(self, week: int) -> tuple[Day, ...]:
        """The days of week ``week`` (week 1 is days 1-7, week 2 days 8-14, ...)."""
        return tuple(d for d in self.days if d.week == week)

    def days_of_project(self, project: str) -> tuple[Day, ...]:
        """The days whose code lives in ``project``, in order."""
        return tuple(d for d in self.days if d.project == project)

    def projects(self, days: tuple[Day, ...] | None = None) -> tuple[str, ...]:
        """The distinct projects that check ``days`` (all days by default), in order."""
        seen: dict[str, None] = {}
        for d in days if days is not None else self.days:
            seen.update(dict.fromkeys(d.projects))
        return tuple(seen)

    def app(self, name: str) -> App | None:
        """The servable app called ``name``, or None."""
        return next((a for a in self.apps if a.name == name), None)


def load(path: Path | None = None) -> Curriculum:
    """Read the manifest (``curriculum.toml`` at the repository root by default)."""
    manifest = path or REPO_ROOT / "curriculum.toml"
    data = tomllib.loads(manifest.read_text())
    days = tuple(
        Day(
            day=int(raw["day"]),
            week=int(raw["week"]),
            title=str(raw["title"]),
            folder=str(raw["folder"]),
            projects=tuple(raw["projects"]),
            strict=bool(raw.get("strict", False)),
            hint=str(raw.get("hint", "")),
            starter=tuple(str(entry) for entry in raw.get("starter", ())),
        )
        for raw in data.get("day", [])
    )
    apps = tuple(
        App(
            name=str(raw["name"]),
            project=str(raw["project"]),
            target=str(raw["target"]),
            prepare=tuple(raw.get("prepare", ())),
        )
        for raw in data.get("app", [])
    )
    return Curriculum(days=days, apps=apps, root=manifest.parent)


def has_code(project_dir: Path) -> bool:
    """Whether a project holds code of its own (not just a README, conftest or tests)."""
    if not project_dir.is_dir():
        return False
    for path in project_dir.rglob("*.py"):
        relative = path.relative_to(project_dir).parts
        if relative[0] in ("tests", "conftest.py") or ".venv" in relative:
            continue
        return True
    return False


_DATABASE_FIXTURES = ("database_url", "db_session", "journey_schema", "committed_database_url")


def uses_database(project_dir: Path) -> bool:
    """Whether a project's tests ask for the harness's PostgreSQL fixtures."""
    for path in project_dir.rglob("*.py"):
        if "__pycache__" in path.parts:
            continue
        text = path.read_text(errors="replace")
        if any(name in text for name in _DATABASE_FIXTURES):
            return True
    return False
