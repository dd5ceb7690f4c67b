"""Day 14: v1.0.0, edit, search, --json for scripts, docstrings, README and screenshot."""

from __future__ import annotations

import ast
import json
import runpy
from pathlib import Path

import pytest

from cli import __version__, cli
from conftest import PROJECT_DIR, RunCli

pytestmark = pytest.mark.day(14)

SOURCE_FILES = sorted(
    path
    for path in PROJECT_DIR.rglob("*.py")
    if "tests" not in path.parts and path.name != "conftest.py"
)


def _stored(tasks_file: Path) -> list[dict[str, object]]:
    tasks: list[dict[str, object]] = json.loads(tasks_file.read_text(encoding="utf-8"))["tasks"]
    return tasks


def test_version_1_0_0_is_printed_and_named_in_the_readme_title(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and "1.0.0" in result.stdout, (
        f"Called --version. Got {result.output!r}"
    )
    assert __version__ == "1.0.0", f"Read cli.__version__. Got {__version__}"
    title = (PROJECT_DIR / "README.md").read_text(encoding="utf-8").partition("\n")[0]
    assert title.startswith("# ") and __version__ in title, (
        f"Read README.md's first line. Got {title!r}, expected a '# ' title naming {__version__}"
    )


def test_edit_changes_only_the_given_fields(run_cli: RunCli, tasks_file: Path) -> None:
    run_cli("add", "Draft", "-p", "low", "-t", "work", "-d", "2026-05-01")
    result = run_cli("edit", "1", "--title", "Final draft", "-p", "high")
    task = _stored(tasks_file)[0]
    got = (task["title"], task["priority"], task["tags"], task["due"])
    assert result.exit_code == 0 and got == ("Final draft", "high", ["work"], "2026-05-01"), (
        f"Called edit 1 --title 'Final draft' -p high. Got {got}"
    )


def test_edit_can_clear_the_due_date_and_tags_and_reopen_a_task(
    run_cli: RunCli, tasks_file: Path
) -> None:
    run_cli("add", "Draft", "-t", "work", "-d", "2026-05-01")
    run_cli("complete", "1")
    run_cli("edit", "1", "--no-due", "--no-tags", "--status", "pending")
    task = _stored(tasks_file)[0]
    got = (task["due"], task["tags"], task["status"])
    assert got == (None, [], "pending"), (
        f"Called edit 1 --no-due --no-tags --status pending. Got {got}"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["edit", "5", "--title", "x"], "no task with id 5"),
        (["edit", "1"], "nothing to change"),
        (["edit", "1", "--due", "2026-01-01", "--no-due"], "cannot be used together"),
    ],
)
def test_edit_errors_are_one_line_and_change_nothing(
    run_cli: RunCli, tasks_file: Path, args: list[str], expected: str
) -> None:
    run_cli("add", "keep")
    before = tasks_file.read_bytes()
    result = run_cli(*args)
    assert result.exit_code != 0 and expected in result.stderr, (
        f"Called {args}. Got {result.stderr!r}"
    )
    assert tasks_file.read_bytes() == before, f"Called {args}. Got a changed tasks.json"


def test_search_matches_title_and_tags_ignoring_case(run_cli: RunCli) -> None:
    run_cli("add", "Buy MILK")
    run_cli("add", "Walk dog", "-t", "milkround")
    run_cli("add", "Unrelated")
    found = json.loads(run_cli("search", "milk", "--json").stdout)
    assert [task["id"] for task in found] == [1, 2], f"Called search milk. Got {found}"


def test_list_json_gives_every_field_for_scripts(run_cli: RunCli) -> None:
    run_cli("add", "Ship", "-p", "high", "-t", "work", "-d", "2026-12-31")
    tasks = json.loads(run_cli("list", "--json").stdout)
    expected_keys = {"id", "title", "status", "priority", "tags", "due", "created_at"}
    assert len(tasks) == 1 and set(tasks[0]) == expected_keys, f"Called list --json. Got {tasks}"


def test_json_output_keeps_non_ascii_text_readable(run_cli: RunCli) -> None:
    run_cli("add", "Café")
    for args in (["list", "--json"], ["search", "caf", "--json"]):
        out = run_cli(*args).stdout
        assert '"title": "Café"' in out, f"Called {args}. Got {out!r}, expected Café unescaped"


def test_readme_and_docstrings_document_the_whole_project() -> None:
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    undocumented = [name for name in cli.commands if f"`{name}" not in readme]
    assert undocumented == [], f"Read README.md. Got commands missing from it: {undocumented}"
    for section in (
        "## Install",
        "## Commands",
        "## Design decisions",
        "## Data format",
        "## Reliability",
    ):
        assert section in readme, f"Read README.md. Got no {section!r} section"
    assert "docs/screenshot.svg" in readme, "Read README.md. Got no screenshot"
    missing = []
    for path in SOURCE_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if ast.get_docstring(tree) is None:
            missing.append(f"{path.name} (module)")
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if not node.name.startswith("_") and ast.get_docstring(node) is None:
                missing.append(f"{path.name}:{node.lineno} {node.name}")
    assert missing == [], f"Checked docstrings. Got these without one: {missing}"


@pytest.mark.hint(
    "Run python scripts/screenshot.py after changing the rich tables, and keep docs/screenshot.svg."
)
def test_screenshot_script_renders_the_committed_svg(tmp_path: Path) -> None:
    script = runpy.run_path(str(PROJECT_DIR / "scripts" / "screenshot.py"))
    fresh = tmp_path / "screenshot.svg"
    script["render"](fresh)
    svg = fresh.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Fix&#160;login&#160;redirect&#160;loop" in svg, svg[:200]
    committed = (PROJECT_DIR / "docs" / "screenshot.svg").read_text(encoding="utf-8")
    assert committed == svg, (
        "Compared docs/screenshot.svg with a fresh render. Got a stale file: "
        "run python scripts/screenshot.py"
    )
