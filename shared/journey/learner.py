"""The learner's commands: start, reset, solution (next, hint and watch live in the CLI).

``make start`` turns a clone of the reference into a learner's branch: every built
day's files become their starters, derived from the reference (journey.starter), in
one commit. The reference stays reachable through the commit recorded in
``.journey-start``, so ``make solution N`` and ``make reset N`` never need a copy.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from journey import STATE_DIR
from journey.course import START_FILE, CourseError, Reference, entries, project_starter
from journey.curriculum import Curriculum, Day

BRANCH = "my-journey"
BACKUP_DIR = STATE_DIR / "backups"
SOLUTION_DIR = STATE_DIR / "solutions"
_FALLBACK_IDENTITY = ["-c", "user.name=Journey learner", "-c", "user.email=learner@journey.invalid"]


def _git(root: Path, *args: str, identity: bool = False) -> str:
    command = ["git", *(_identity(root) if identity else []), *args]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr.strip() or done.stdout.strip()).splitlines()
        raise CourseError(f"git {args[0]} failed: {reason[-1] if reason else done.returncode}")
    return done.stdout.strip()


def _identity(root: Path) -> list[str]:
    """A clone with no git identity can still commit: name the learner generically."""
    found = subprocess.run(
        ["git", "config", "user.email"], cwd=root, capture_output=True, text=True, check=False
    )
    return [] if found.stdout.strip() else _FALLBACK_IDENTITY


def start(plan: Curriculum, branch: str = BRANCH) -> str:
    """Create the learner's branch of starters; return what to do next."""
    root = plan.root
    if not (root / ".git").exists():
        raise CourseError("make start needs a git clone of the journey (no .git folder here)")
    if (root / START_FILE).exists():
        raise CourseError(f"this checkout is already a learner's branch ({START_FILE} exists)")
    if _git(root, "status", "--porcelain", "--untracked-files=normal"):
        raise CourseError("the working tree has uncommitted changes: commit or stash them first")
    exists = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
        cwd=root,
        capture_output=True,
        check=False,
    )
    if exists.returncode == 0:
        raise CourseError(f"branch '{branch}' exists already: git switch {branch} to continue")
    commit = _git(root, "rev-parse", "HEAD")
    reference = Reference(root, None)
    starters = {
        project: project_starter(plan, project, reference, for_disk=True)
        for project in plan.projects()
        if any(d.starter for d in plan.days_of_project(project))
    }
    _git(root, "switch", "--quiet", "-c", branch)
    for project, files in starters.items():
        for path, text in files.items():
            (root / project / path).write_text(text)
    (root / START_FILE).write_text(
        "# The commit whose reference solutions this branch started from.\n"
        "# make solution N and make reset N read the reference from it.\n"
        f'reference = "{commit}"\n'
    )
    _git(root, "add", "--all")
    message = f"Start the journey: every built day is its starter (reference {commit[:12]})"
    _git(root, "commit", "--quiet", "-m", message, identity=True)
    return branch


def _backup(plan: Curriculum, day: Day, paths: list[str]) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    # A folder of its own for every reset, even two in the same second.
    target = Path(tempfile.mkdtemp(prefix=f"day{day.day:02d}-{stamp}-", dir=BACKUP_DIR))
    for path in paths:
        source = plan.root / day.project / path
        if source.is_file():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / path)
    return target


def _replace_node(current: str, starter: str, name: str, path: str) -> str:
    """``current`` with the definition ``name`` taken from ``starter``, byte for byte."""
    from journey.starter import find

    try:
        mine = find(ast.parse(current), name)
    except SyntaxError as error:
        # The file holds other days' work too: never replace it whole.
        raise CourseError(
            f"{path} does not parse (line {error.lineno}): fix it first, so that only "
            f"{name} is reset and the rest of the file is kept"
        ) from None
    except ValueError:
        raise CourseError(
            f"{path} has no {name} to reset: add it back (the starter's is in "
            f"make solution), or restore the file with git"
        ) from None
    theirs = find(ast.parse(starter), name)
    lines, source = current.splitlines(keepends=True), starter.splitlines(keepends=True)
    first = mine.decorator_list[0].lineno if mine.decorator_list else mine.lineno
    their_first = theirs.decorator_list[0].lineno if theirs.decorator_list else theirs.lineno
    assert mine.end_lineno is not None and theirs.end_lineno is not None
    lines[first - 1 : mine.end_lineno] = source[their_first - 1 : theirs.end_lineno]
    return "".join(lines)


def reset(plan: Curriculum, day: Day) -> Path:
    """Put ``day`` back to its starter; return the folder holding the learner's backup."""
    if not day.starter:
        raise CourseError(f"day {day.day} is not built yet: it has no starter")
    starters = project_starter(plan, day.project, Reference.of(plan.root), for_disk=True)
    owned = entries(day)
    new_text: dict[Path, str] = {}
    for entry in owned:  # everything computed first: a refusal changes nothing
        target = plan.root / day.project / entry.path
        if target.is_dir():
            raise CourseError(f"{day.project}/{entry.path} is a folder: move it away first")
        if entry.name is None or not target.is_file():
            new_text[target] = starters[entry.path]
        else:
            current = new_text.get(target) or target.read_text(errors="replace")
            new_text[target] = _replace_node(
                current, starters[entry.path], entry.name, f"{day.project}/{entry.path}"
            )
    backup = _backup(plan, day, sorted({e.path for e in owned}))
    for target, text in new_text.items():
        if target.is_symlink():
            target.unlink()  # reset the link itself, never the file it points to
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return backup


def solution(plan: Curriculum, day: Day) -> tuple[Path, list[str]]:
    """Write the reference files of ``day`` under ``.journey/solutions``; never over the
    learner's own files. Return the folder and the files written."""
    if not day.starter:
        raise CourseError(f"day {day.day} is not built yet: it has no reference")
    reference = Reference.of(plan.root)
    target = SOLUTION_DIR / f"day{day.day:02d}"
    shutil.rmtree(target, ignore_errors=True)
    paths = sorted({e.path for e in entries(day)})
    # In a milestone a file also holds later days' work: those parts stay stubs.
    later = project_starter(plan, day.project, reference, day.day + 1, for_disk=True)
    for path in paths:
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        text = later.get(path) or reference.read(f"{day.project}/{path}")
        (target / path).write_text(text)
    return target, paths
