"""Day 53: the module borders are checked, not hoped for: import-linter runs the contracts.

Each kind of border is also shown to bite: the test plants a forbidden import in a copy
of the project and requires lint-imports to report a broken contract naming it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.day(53)

PROJECT = Path(__file__).resolve().parents[1]
RUNNER = Path(__file__).with_name("lint_runner.py")

# (what the import does wrong, the file it is planted in, the import)
PLANTS = {
    "orders reaches into products' models": (
        "app/modules/orders/service.py",
        "from app.modules.products.models import Product",
    ),
    "users reads auth's tables itself": (
        "app/modules/users/service.py",
        "from app.modules.auth.repository import AccountRepository",
    ),
    "products imports orders (a cycle)": (
        "app/modules/products/service.py",
        "from app.modules.orders.service import has_received",
    ),
    "auth depends on a module above it": (
        "app/modules/auth/service.py",
        "from app.modules.users.service import get_me",
    ),
    "a repository imports its own service": (
        "app/modules/auth/repository.py",
        "from app.modules.auth.service import register",
    ),
    "a router skips its service": (
        "app/modules/products/router.py",
        "from app.modules.products.repository import CatalogRepository",
    ),
    "shared code imports a module": (
        "app/shared/pagination.py",
        "from app.modules.auth.schemas import Principal",
    ),
    "a module wires another module": (
        "app/modules/users/service.py",
        "from app.modules.orders.module import MODULE",
    ),
}


def copy_with(destination: Path, file: str, line: str) -> Path:
    """A copy of the project's app/ and contracts with `line` appended to `file`."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(PROJECT / "app", destination / "app", ignore=ignore)
    shutil.copy2(PROJECT / ".importlinter", destination / ".importlinter")
    with (destination / file).open("a") as planted:
        planted.write(f"\n{line}  # planted by tests/test_architecture.py\n")
    return destination


@pytest.fixture(scope="module")
def lint_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """lint-imports' exit and report on the project and on one planted copy per PLANTS entry."""
    folders = {"project": PROJECT}
    for name, (file, line) in PLANTS.items():
        folders[name] = copy_with(tmp_path_factory.mktemp("planted"), file, line)
    done = subprocess.run(
        [sys.executable, str(RUNNER), *map(str, folders.values())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": "200"},  # one contract per line in the report
    )
    assert done.returncode == 0, f"Called {RUNNER.name}. Got exit {done.returncode}:\n{done.stderr}"
    results = json.loads(done.stdout)
    return {
        name: (results[str(folder)]["exit"], results[str(folder)]["output"])
        for name, folder in folders.items()
    }


def verdicts(output: str) -> dict[str, str]:
    """Each contract's name and KEPT or BROKEN, from lint-imports' report."""
    found = re.findall(r"^(.+?)\s*(KEPT|BROKEN)\s*$", output, flags=re.MULTILINE)
    return {name: verdict for name, verdict in found}


@pytest.mark.hint("Write .importlinter: root_package = app, then the contracts the README lists.")
def test_every_import_contract_is_kept(lint_runs: dict[str, tuple[int, str]]) -> None:
    code, output = lint_runs["project"]
    found = verdicts(output)
    broken = [name for name, verdict in found.items() if verdict == "BROKEN"]
    assert code == 0 and len(found) >= 8, (
        f"Called lint-imports in {PROJECT.name}. Got exit {code}, {len(found)} contracts, "
        f"broken {broken}; expected 8 or more contracts, all kept:\n{output[-1500:]}"
    )


@pytest.mark.parametrize("plant", sorted(PLANTS))
@pytest.mark.hint("A contract that a planted bad import does not break guards nothing.")
def test_a_planted_forbidden_import_breaks_a_contract(
    lint_runs: dict[str, tuple[int, str]], plant: str
) -> None:
    code, output = lint_runs[plant]
    file, line = PLANTS[plant]
    broken = [name for name, verdict in verdicts(output).items() if verdict == "BROKEN"]
    importer = file.removesuffix(".py").replace("/", ".")
    imported = line.split()[1]  # "from X import Y" -> X
    reported = re.search(rf"{re.escape(importer)}\s*->\s*{re.escape(imported)}\b", output)
    assert code == 1 and broken and reported, (
        f"Called lint-imports with `{line}` planted in {file} ({plant}). Got exit {code}, "
        f"broken {broken}, expected a broken contract reporting {importer} -> {imported}:\n"
        f"{output[-800:]}"
    )
