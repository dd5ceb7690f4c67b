"""Mutation testing of the journey's projects: ``make mutation [P=NAME]``.

A measurement, not a check: it is no part of ``make test`` or CI. Each project is copied to
``.journey/mutation/<name>/`` (mutmut 3.8.1 wants the project folder as its root), mutated
there by mutmut, and every mutant the per-test selection let live is run once more against
the project's full suite (mutmut does not see tests that reach the code through a
subprocess). A project that needs PostgreSQL is mutated on the files its baseline scopes
(``[[mutate]]``) and tested on the real database. What still lives is either accepted in
``shared/mutation_baseline/<name>.toml``, with its reason, or listed as new.
docs/mutation.md explains the numbers and their limits.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fnmatch import fnmatch
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from journey import REPO_ROOT, STATE_DIR, curriculum, databases

MUTMUT_VERSION = "3.8.1"
WORK_DIR = STATE_DIR / "mutation"
BASELINE_DIR = REPO_ROOT / "shared" / "mutation_baseline"
"""One file per project, ``<name>.toml``: what its score leaves out, each with its reason."""
LAST_DAY = 20
"""``make mutation`` alone covers the projects of days 1 to LAST_DAY."""
JOBS = 2
PROJECT_TIMEOUT_S = 1800
"""One project's mutmut run is stopped after this long (a mutant that loops is stopped by
mutmut itself after ``timeout_multiplier`` times its tests' duration)."""
CONFIRM_BUDGET_S = 900
"""Per project, at most this long rerunning the whole suite for survivors."""
_SKIPPED_PARTS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".venv", "mutants"}

# mutmut 3.8.1's exit codes (mutmut/stats.py) for a killed mutant: its tests failed (1, 3),
# ran out of time (36 and the SIGXCPU codes) or crashed (-11, -9: mutmut's "segfault").
# Every other code (survived, "no tests", "suspicious") goes to the full suite for a verdict.
_KILLED_CODES = {1, 3, 36, -24, 24, 152, 255, -11, -9}


@dataclass(frozen=True)
class Survivor:
    """A mutant that the project's full suite does not kill."""

    project: str
    name: str
    file: str
    function: str
    before: str
    after: str

    def key(self) -> tuple[str, ...]:
        """What a baseline entry names; mutant numbers change with every edit, this does not."""
        return (self.project, self.file, self.function, self.before, self.after)

    def line(self) -> str:
        """One line of the report: project, file, function, the change."""
        return f"  {self.project}  {self.file}  {self.function}:  {self.before}  =>  {self.after}"


@dataclass
class Outcome:
    """One project's measurement."""

    project: str
    name: str
    total: int = 0
    killed: int = 0
    survivors: list[Survivor] = field(default_factory=list)
    accepted: int = 0
    matched: set[tuple[str, ...]] = field(default_factory=set)
    decorated: int = 0
    error: str = ""

    @property
    def survived(self) -> int:
        return self.total - self.killed

    def score(self, *, excluding_baseline: bool = False) -> float:
        total = self.total - (self.accepted if excluding_baseline else 0)
        return 100.0 * self.killed / total if total else 100.0


@dataclass(frozen=True)
class Baseline:
    """shared/mutation_baseline/<name>.toml: what the score leaves out, each entry with its reason.

    ``[[accepted]]`` survivors that are harmless; ``[[skip]]`` source files not mutated;
    ``[[deselect]]`` tests that cannot run on mutated code (pytest paths or node ids);
    ``[[mutate]]`` the files (glob patterns) mutated in a project that needs PostgreSQL, whose
    wiring (routes, models, migrations, scripts) the score cannot reach anyway.
    """

    accepted: frozenset[tuple[str, ...]] = frozenset()
    skipped: frozenset[tuple[str, ...]] = frozenset()
    deselected: frozenset[tuple[str, ...]] = frozenset()
    mutated: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def load(cls, folder: Path = BASELINE_DIR) -> Baseline:
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
        sections = {
            "accepted": ("project", "file", "function", "before", "after"),
            "skip": ("project", "file"),
            "deselect": ("project", "test"),
            "mutate": ("project", "files"),
        }
        found: dict[str, set[tuple[str, ...]]] = {section: set() for section in sections}
        for file in files:
            try:
                data = tomllib.loads(file.read_text())
            except tomllib.TOMLDecodeError as error:
                raise SystemExit(f"{file.name} is not valid TOML: {error}") from None
            for section, keys in sections.items():
                for entry in data.get(section, []):
                    if entry.get("project") != file.stem:
                        raise SystemExit(f"{file.name}: an entry of another project: {entry}")
                    if not str(entry.get("reason", "")).strip():
                        raise SystemExit(f"{file.name}: [[{section}]] without a reason: {entry}")
                    if any(key not in entry for key in keys):
                        raise SystemExit(f"{file.name}: [[{section}]] needs {', '.join(keys)}")
                    found[section].add(tuple(str(entry[key]) for key in keys))
        return cls(*(frozenset(found[s]) for s in ("accepted", "skip", "deselect", "mutate")))

    def pytest_args(self, name: str) -> list[str]:
        """pytest options that leave out the project's deselected tests."""
        tests = sorted(test for project, test in self.deselected if project == name)
        return [f"--deselect={t}" if "::" in t else f"--ignore={t}" for t in tests]

    def scope(self, name: str) -> list[str]:
        """The glob patterns of the files mutated in ``name``; empty: every source file."""
        return sorted(files for project, files in self.mutated if project == name)


def project_name(project: str) -> str:
    """``week01-02/day02/calculator`` -> ``calculator``: the name ``P=`` takes."""
    return Path(project).name


def covered_projects(
    plan: curriculum.Curriculum, name: str | None, baseline: Baseline
) -> list[str]:
    """The projects of days 1-LAST_DAY that need no database and those the baseline scopes
    with ``[[mutate]]``, or the one called ``name``."""
    scoped = {project for project, _ in baseline.mutated}
    if name is None:
        days = tuple(d for d in plan.days if d.day <= LAST_DAY)
        plain = [p for p in plan.projects(days) if _measurable(plan.root / p)]
        return plain + [p for p in plan.projects() if project_name(p) in scoped]
    for project in plan.projects():
        if name in (project, project_name(project)):
            if not curriculum.has_code(plan.root / project):
                raise SystemExit(f"{name} has no code yet")
            if curriculum.uses_database(plan.root / project) and name not in scoped:
                raise SystemExit(
                    f"{name} needs PostgreSQL and has no [[mutate]] scope in {BASELINE_DIR.name}/"
                )
            return [project]
    names = sorted(
        project_name(p)
        for p in plan.projects()
        if _measurable(plan.root / p) or project_name(p) in scoped
    )
    raise SystemExit(f"no project called {name!r}; measurable projects: {', '.join(names)}")


def _measurable(folder: Path) -> bool:
    return curriculum.has_code(folder) and not curriculum.uses_database(folder)


def _is_source(relative: Path) -> bool:
    parts = relative.parts
    return (
        relative.suffix == ".py"
        and parts[0] != "tests"
        and relative.name != "conftest.py"
        and not relative.name.startswith("test_")
    )


def source_files(folder: Path, skipped: Iterable[str] = (), scope: Iterable[str] = ()) -> list[str]:
    """The project's code that mutmut mutates: every .py file but tests and conftest, or only
    those matching ``scope``'s glob patterns when it has any."""
    patterns = list(scope)
    found = []
    for path in sorted(folder.rglob("*.py")):
        relative = path.relative_to(folder)
        if _SKIPPED_PARTS & set(relative.parts) or not _is_source(relative):
            continue
        in_scope = not patterns or any(fnmatch(relative.as_posix(), p) for p in patterns)
        if in_scope and relative.as_posix() not in skipped:
            found.append(relative.as_posix())
    return found


def _also_copy(folder: Path, sources: set[str], here: Path | None = None) -> list[str]:
    """Everything else the tests may need, as paths mutmut 3.8.1 can copy: a folder holding no
    source goes whole; in a folder that does, its other files go one by one."""
    here = here or folder
    entries = []
    for path in sorted(here.iterdir()):
        relative = path.relative_to(folder)
        if path.name in _SKIPPED_PARTS or relative.as_posix() in sources:
            continue
        if path.is_dir():
            inside = any(s.startswith(relative.as_posix() + "/") for s in sources)
            entries += _also_copy(folder, sources, path) if inside else [relative.as_posix()]
        else:
            entries.append(relative.as_posix())
    return entries


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value))


def prepare_copy(project: str, baseline: Baseline) -> tuple[Path, list[str]]:
    """A fresh copy of ``project`` with a pyproject.toml holding pytest's and mutmut's settings."""
    folder = REPO_ROOT / project
    copy = WORK_DIR / project_name(project)
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(*_SKIPPED_PARTS, "*.pyc"))
    name = project_name(project)
    skipped = [f for p, f in baseline.skipped if p == name]
    sources = source_files(copy, skipped, baseline.scope(name))
    root_config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    pytest_options = root_config.get("tool", {}).get("pytest", {}).get("ini_options", {})
    mutmut_options: dict[str, object] = {
        "source_paths": sources,
        "also_copy": _also_copy(copy, set(sources)),
        "pytest_add_cli_args": _pytest_extra(baseline, name),
        "pytest_add_cli_args_test_selection": ["tests"],
        # A mutant that loops is stopped after 5x its tests' time (mutmut's default is 15x).
        "timeout_multiplier": 5.0,
        # The copy sits inside the journey's git work tree; its history says nothing here.
        "use_git_change_detection": False,
    }
    lines = ["[tool.pytest.ini_options]"]
    lines += [f"{key} = {_toml(value)}" for key, value in pytest_options.items()]
    lines += ["", "[tool.mutmut]"]
    lines += [f"{key} = {_toml(value)}" for key, value in mutmut_options.items()]
    (copy / "pyproject.toml").write_text("\n".join(lines) + "\n")
    return copy, sources


def _pytest_extra(baseline: Baseline, name: str) -> list[str]:
    """pytest options of every run in the copy: the renaming plugin, the deselected tests."""
    return ["-p", "journey.mutation_names", *baseline.pytest_args(name)]


def _environment(mutant: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MUTANT_UNDER_TEST", "JOURNEY_RESULTS")}
    if mutant is not None:
        env["MUTANT_UNDER_TEST"] = mutant
    return env


def _template_owner(name: str) -> str:
    """The project name the copy's tests give the harness: mutmut starts pytest in the copy's
    ``mutants/`` folder, which would otherwise name every project's templates alike."""
    return f"mutation_{name}"


def _run_bounded(command: list[str], cwd: Path, log: Path, timeout: float) -> int | None:
    """Run command with output to log; None when it ran out of time (its group is stopped)."""
    with log.open("w") as out:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=_environment(),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None


def mutant_codes(copy: Path) -> dict[str, tuple[str, int | None]]:
    """Every mutant mutmut made in ``copy``: name -> (source file, exit code of its tests)."""
    codes: dict[str, tuple[str, int | None]] = {}
    mutants = copy / "mutants"
    for meta in sorted(mutants.rglob("*.py.meta")):
        source = meta.relative_to(mutants).as_posix().removesuffix(".meta")
        data = json.loads(meta.read_text())
        for name, code in data["exit_code_by_key"].items():
            codes[name] = (source, code)
    return codes


def _pytest(copy: Path, mutant: str | None, timeout: float, extra: list[str]) -> int | None:
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:randomly", *extra]
    try:
        return subprocess.run(
            command,
            cwd=copy / "mutants",
            env=_environment(mutant),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            timeout=timeout,
            check=False,
        ).returncode
    except subprocess.TimeoutExpired:
        return None


@dataclass(frozen=True)
class Probe:
    """Which source lines one clean run of the suite executed, by process kind."""

    anywhere: dict[str, set[int]]
    in_subprocesses: dict[str, set[int]]


def probe(copy: Path, extra: list[str]) -> Probe | None:
    """Run the clean suite once under coverage, subprocesses included (None if it fails)."""
    data_dir = copy.parent / f"{copy.name}.coverage"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir()
    rc = data_dir / "rc"
    rc.write_text(
        "[run]\nparallel = true\npatch = subprocess\n"
        f"data_file = {data_dir / '.coverage'}\nsource = {copy}\nomit = {copy}/mutants/*\n"
    )
    command = [sys.executable, "-m", "coverage", "run", f"--rcfile={rc}", "-m", "pytest", "-q"]
    command += ["-p", "no:randomly", *extra, "tests"]
    process = subprocess.Popen(
        command,
        cwd=copy,
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    try:
        if process.wait(timeout=PROJECT_TIMEOUT_S) != 0:
            return None
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None
    from coverage import CoverageData

    anywhere: dict[str, set[int]] = {}
    in_subprocesses: dict[str, set[int]] = {}
    for data_file in data_dir.glob(".coverage.*"):
        data = CoverageData(basename=str(data_file))
        data.read()
        # The pytest process is the one started above; any other pid ran in a subprocess.
        spawned = f".pid{process.pid}." not in data_file.name
        for measured in data.measured_files():
            relative = Path(measured).relative_to(copy).as_posix()
            lines = set(data.lines(measured) or ())
            anywhere.setdefault(relative, set()).update(lines)
            if spawned:
                in_subprocesses.setdefault(relative, set()).update(lines)
    return Probe(anywhere, in_subprocesses)


def function_lines(copy: Path, source: str, function: str) -> set[int]:
    """The lines of ``function`` (``name`` or ``Class.method``) in the copy's ``source``."""
    tree = ast.parse((copy / source).read_text())
    cls, _, name = function.rpartition(".")
    body = tree.body
    if cls:
        classes = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls]
        body = classes[0].body if classes else []
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            return set(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return set()


def confirm_with_full_suite(
    copy: Path, codes: dict[str, tuple[str, int | None]], jobs: int, extra: list[str]
) -> tuple[set[str], str]:
    """The mutants mutmut let live that the project's whole suite still passes.

    mutmut runs, for each mutant, the tests it saw call the function in-process. Other tests
    can only reach it from another process (a test that runs the program) or, for a function
    no test calls ("no tests"), while a module is imported. A probe run under coverage tells
    which functions run there; only their mutants get the whole suite, within CONFIRM_BUDGET_S.
    """
    candidates = [name for name, (_, code) in codes.items() if code not in _KILLED_CODES]
    if not candidates:
        return set(), ""
    found = probe(copy, extra)
    if found is None:
        return set(candidates), "the suite fails under coverage in the copy: nothing confirmed"

    def reachable(name: str) -> bool:
        source, code = codes[name]
        lines = function_lines(copy, source, _function_of(name))
        executed = found.anywhere if code == 33 else found.in_subprocesses
        return bool(lines & executed.get(source, set()))

    to_run = [name for name in candidates if reachable(name)]
    alive = set(candidates) - set(to_run)
    if not to_run:
        return alive, ""
    started = time.monotonic()
    if _pytest(copy, None, PROJECT_TIMEOUT_S, extra) != 0:
        return set(candidates), "the full suite fails in the copy without any mutant"
    timeout = 5 * (time.monotonic() - started) + 10
    deadline = time.monotonic() + CONFIRM_BUDGET_S

    def survives(name: str) -> bool:
        if time.monotonic() > deadline:
            return True
        return _pytest(copy, name, timeout, extra) == 0

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        verdicts = list(pool.map(survives, to_run))
    alive |= {name for name, lives in zip(to_run, verdicts, strict=True) if lives}
    late = (
        "" if time.monotonic() <= deadline else f"confirmation stopped after {CONFIRM_BUDGET_S} s"
    )
    return alive, late


def _function_of(mutant: str) -> str:
    """``bank.xǁAccountǁdeposit__mutmut_3`` -> ``Account.deposit``; ``x_main`` -> ``main``."""
    local = mutant.rpartition(".")[2].rpartition("__mutmut_")[0]
    if local.startswith("x\u01c1"):
        _, cls, method = local.split("\u01c1")
        return f"{cls}.{method}"
    return local.removeprefix("x_")


def _changed_lines(diff: str, sign: str) -> str:
    lines = diff.splitlines()
    picked = [
        line[1:].strip()
        for line in lines
        if line.startswith(sign) and not line.startswith(sign * 3)
    ]
    return " ".join(line for line in picked if line)


def describe(project: str, copy: Path, name: str, source: str) -> Survivor:
    """The survivor with its change as text: what a baseline entry matches."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    try:
        with contextlib.chdir(copy):  # mutmut reads mutants/<source> relative to the root
            diff = get_diff_for_mutant(name, path=source)
    except (OSError, ValueError) as error:  # a mutant mutmut cannot show: say so, count it
        diff = f"-{name}\n+(no diff: {error})"
    return Survivor(
        project=project,
        name=name,
        file=source,
        function=_function_of(name),
        before=_changed_lines(diff, "-"),
        after=_changed_lines(diff, "+"),
    )


def decorated_functions(copy: Path, sources: list[str]) -> int:
    """Functions mutmut 3.8.1 leaves alone: any decorator but a lone staticmethod/classmethod."""
    count = 0
    for source in sources:
        tree = ast.parse((copy / source).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.decorator_list:
                only = node.decorator_list
                lone = len(only) == 1 and isinstance(only[0], ast.Name)
                if not (lone and only[0].id in ("staticmethod", "classmethod")):  # type: ignore[attr-defined]
                    count += 1
    return count


def measure(project: str, baseline: Baseline, jobs: int) -> Outcome:
    """Run mutmut on one project's copy, confirm its survivors, match them with the baseline."""
    name = project_name(project)
    outcome = Outcome(project=project, name=name)
    os.environ["JOURNEY_PROJECT"] = _template_owner(name)
    try:
        return _measure(project, name, outcome, baseline, jobs)
    finally:
        if curriculum.uses_database(REPO_ROOT / project):
            databases.drop_templates_of([_template_owner(name)])
        os.environ.pop("JOURNEY_PROJECT", None)


def _measure(project: str, name: str, outcome: Outcome, baseline: Baseline, jobs: int) -> Outcome:
    copy, sources = prepare_copy(project, baseline)
    outcome.decorated = decorated_functions(copy, sources)
    log = WORK_DIR / f"{name}.log"
    mutmut = Path(sys.executable).parent / "mutmut"
    code = _run_bounded(
        [str(mutmut), "run", "--max-children", str(jobs)], copy, log, PROJECT_TIMEOUT_S
    )
    codes = mutant_codes(copy)
    if code != 0 or not codes:
        reason = "timed out" if code is None else f"exit status {code}"
        outcome.error = f"mutmut {reason}: see {log.relative_to(REPO_ROOT)}"
        return outcome
    outcome.total = len(codes)
    extra = _pytest_extra(baseline, name)
    alive, problem = confirm_with_full_suite(copy, codes, jobs, extra)
    if problem:
        outcome.error = problem
    outcome.killed = outcome.total - len(alive)
    for mutant in sorted(alive):
        survivor = describe(name, copy, mutant, codes[mutant][0])
        if survivor.key() in baseline.accepted:
            outcome.accepted += 1
            outcome.matched.add(survivor.key())
        else:
            outcome.survivors.append(survivor)
    return outcome


def _draft(survivor: Survivor) -> str:
    fields = [("project", survivor.project), ("file", survivor.file)]
    fields += [("function", survivor.function), ("before", survivor.before)]
    fields += [("after", survivor.after), ("reason", "")]
    return "\n".join(["[[accepted]]", *(f"{k} = {_toml(v)}" for k, v in fields)]) + "\n"


def render(outcomes: list[Outcome], baseline: Baseline, *, draft: bool) -> str:
    """The table, the new survivors, and the last line ``mutation score: NN.N% (k/n)``."""
    header = f"{'project':<14} {'mutants':>7} {'killed':>7} {'survived':>8} {'accepted':>8}"
    header += f" {'score':>6} {'w/o acc.':>8} {'decorated':>9}"
    rows = [header]
    for o in outcomes:
        row = f"{o.name:<14} {o.total:>7} {o.killed:>7} {o.survived:>8} {o.accepted:>8}"
        row += f" {o.score():>5.1f}% {o.score(excluding_baseline=True):>7.1f}% {o.decorated:>9}"
        rows.append(row + (f"  ({o.error})" if o.error else ""))
    total = Outcome(project="", name="total")
    for o in outcomes:
        total.total += o.total
        total.killed += o.killed
        total.accepted += o.accepted
        total.decorated += o.decorated
    if len(outcomes) > 1:
        row = f"{'total':<14} {total.total:>7} {total.killed:>7} {total.survived:>8}"
        row += f" {total.accepted:>8} {total.score():>5.1f}% "
        rows.append(row + f"{total.score(excluding_baseline=True):>7.1f}% {total.decorated:>9}")
    lines = [*rows, ""]
    lines.append(
        "accepted: survivors in shared/mutation_baseline/; decorated: functions mutmut "
        "does not mutate (routes, commands, properties); see docs/mutation.md"
    )
    new = [s for o in outcomes for s in o.survivors]
    if new:
        lines += ["", f"{len(new)} survivor(s) not in the baseline (a test is missing?):"]
        lines += [s.line() for s in new]
    measured = {o.name for o in outcomes if not o.error}
    matched = {key for o in outcomes for key in o.matched}
    stale = sorted(k for k in baseline.accepted if k[0] in measured and k not in matched)
    if stale:
        lines += ["", "baseline entries that match no survivor any more (remove them):"]
        lines += [f"  {' | '.join(k)}" for k in stale]
    if draft and new:
        lines += [
            "",
            "# draft entries for shared/mutation_baseline/<name>.toml (fill in each reason):",
        ]
        lines += [_draft(s) for s in new]
    lines += ["", f"mutation score: {total.score():.1f}% ({total.killed}/{total.total})"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table; exit status 1 when a project could not be measured fully."""
    parser = argparse.ArgumentParser(
        prog="python -m journey.mutation",
        description="Mutation scores of the journey's projects (mutmut 3.8.1).",
    )
    parser.add_argument("name", nargs="?", help="one project (e.g. day04, user_api)")
    parser.add_argument("--jobs", type=int, default=JOBS, help="parallel mutants (default 2)")
    parser.add_argument(
        "--draft", action="store_true", help="print baseline entries for the new survivors"
    )
    args = parser.parse_args(argv)
    try:
        installed = version("mutmut")
    except PackageNotFoundError:
        print(f"mutmut is not installed: .venv/bin/pip install mutmut=={MUTMUT_VERSION}")
        return 2
    if installed != MUTMUT_VERSION:
        print(f"warning: mutmut {installed} installed; this runner is written for {MUTMUT_VERSION}")
    baseline = Baseline.load()
    projects = covered_projects(curriculum.load(), args.name, baseline)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for project in projects:
        started = time.monotonic()
        print(f"{project_name(project)}: mutating ...", flush=True)
        outcome = measure(project, baseline, args.jobs)
        outcomes.append(outcome)
        seconds = time.monotonic() - started
        print(
            f"{outcome.name}: {outcome.killed}/{outcome.total} killed in {seconds:.0f} s",
            flush=True,
        )
    print()
    print(render(outcomes, baseline, draft=args.draft))
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
