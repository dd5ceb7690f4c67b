"""``make coverage``: one combined line-coverage report over every project's tests.

Each project runs under ``coverage run`` in its own process (as ``make test`` runs it),
its data file kept under ``.journey/coverage/``; the files are then combined into one
report. A measurement for the README, not a gate: no threshold fails the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from journey import STATE_DIR
from journey.curriculum import HARNESS_PROJECT, Curriculum, has_code

COVERAGE_DIR = STATE_DIR / "coverage"
_OMIT = "*/tests/*,*/conftest.py,*/benchmark/*,*/bench/*,*/scripts/*,*/migrations/*,*/alembic/*"


def _measure(root: Path, project: str) -> int:
    folder = root / project
    data = COVERAGE_DIR / f".coverage.{project.replace('/', '__')}"
    command = [sys.executable, "-m", "coverage", "run", f"--data-file={data}"]
    command += [f"--source={folder}", f"--omit={_OMIT}", "-m", "pytest", "-q"]
    command += ["--continue-on-collection-errors", "--rootdir", str(folder)]
    log = (COVERAGE_DIR / f"{project.replace('/', '__')}.log").open("w")
    with log:
        return subprocess.run(
            command, cwd=folder, stdout=log, stderr=subprocess.STDOUT, check=False
        ).returncode


def run(plan: Curriculum) -> int:
    """Measure every project with code (and the harness), then print the combined report."""
    shutil.rmtree(COVERAGE_DIR, ignore_errors=True)
    COVERAGE_DIR.mkdir(parents=True)
    projects = [p for p in plan.projects() if has_code(plan.root / p)] + [HARNESS_PROJECT]
    with ThreadPoolExecutor(max_workers=2) as pool:
        codes = dict(
            zip(projects, pool.map(lambda p: _measure(plan.root, p), projects), strict=True)
        )
    combined = COVERAGE_DIR / ".coverage"
    coverage = [sys.executable, "-m", "coverage"]
    env = dict(os.environ)
    subprocess.run(
        [*coverage, "combine", f"--data-file={combined}", str(COVERAGE_DIR)],
        env=env,
        check=False,
        capture_output=True,
    )
    report = subprocess.run(
        [*coverage, "report", f"--data-file={combined}", "--skip-covered", "--sort=cover"],
        cwd=plan.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = report.stdout.rstrip().splitlines()
    # The least covered files first (--sort=cover), then the total.
    print(
        "\n".join([*lines[:27], "...", *lines[-4:]]) if len(lines) > 40 else report.stdout.rstrip()
    )
    failed = [p for p, code in codes.items() if code not in (0,)]
    if failed:
        print(f"(tests failed under coverage in: {', '.join(failed)}; logs in {COVERAGE_DIR})")
    total = next((line.split()[-1] for line in reversed(lines) if line.startswith("TOTAL")), "?")
    print(f"coverage: {total} of the lines of every project, combined")
    return 0
