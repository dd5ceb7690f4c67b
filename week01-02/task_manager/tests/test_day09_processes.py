"""Day 9: real processes: concurrent writers lose nothing, errors exit without a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import MAIN, PROJECT_DIR, RunProcess
from storage import JsonStorage

pytestmark = pytest.mark.day(9)


def _ids(tasks_file: Path) -> list[int]:
    return [task["id"] for task in json.loads(tasks_file.read_text(encoding="utf-8"))["tasks"]]


def test_concurrent_cli_processes_lose_no_task(tasks_file: Path) -> None:
    processes = [
        subprocess.Popen(
            [sys.executable, str(MAIN), "--file", str(tasks_file), "add", f"task {n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    errors = [p.communicate(timeout=30)[1] for p in processes]
    assert all(p.returncode == 0 for p in processes), f"Ran 6 adds at once. Got errors {errors}"
    ids = _ids(tasks_file)
    assert sorted(ids) == [1, 2, 3, 4, 5, 6], f"Ran 6 adds at once. Got ids {ids}"


def test_processes_hammering_the_file_keep_every_task_with_unique_ids(tasks_file: Path) -> None:
    # Each process adds 10 tasks through the CLI in a loop: many overlapping read-modify-writes.
    worker = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(PROJECT_DIR)!r})
        from cli import cli
        for n in range(10):
            cli.main(["--file", {str(tasks_file)!r}, "add", f"w{{sys.argv[1]}}-{{n}}"],
                     standalone_mode=False)
        """
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", worker, str(w)], stdout=subprocess.DEVNULL)
        for w in range(4)
    ]
    codes = [w.wait(timeout=60) for w in workers]
    assert codes == [0, 0, 0, 0], f"Ran 4 writer processes. Got exit codes {codes}"
    ids = _ids(tasks_file)
    assert len(ids) == 40 and len(set(ids)) == 40, (
        f"Ran 4 processes x 10 adds. Got {len(ids)} tasks, {len(set(ids))} unique ids, expected 40"
    )


@pytest.mark.parametrize(
    "args",
    [["complete", "7"], ["add", "x", "--priority", "urgent"], ["add", "   "]],
    ids=["unknown-id", "bad-priority", "empty-title"],
)
def test_bad_input_exits_non_zero_with_one_line_and_no_traceback(
    run_process: RunProcess, tasks_file: Path, args: list[str]
) -> None:
    with JsonStorage(tasks_file).edit() as manager:
        manager.add("keep me")
    before = tasks_file.read_bytes()
    result = run_process(*args)
    assert result.returncode != 0, f"Ran main.py {args}. Got exit 0"
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, (
        f"Ran main.py {args}. Got stderr {result.stderr!r}, expected one line"
    )
    assert tasks_file.read_bytes() == before, f"Ran main.py {args}. Got a changed tasks.json"


def test_corrupt_file_exits_with_one_line_in_a_real_process(
    run_process: RunProcess, tasks_file: Path
) -> None:
    tasks_file.write_text("not json at all", encoding="utf-8")
    result = run_process("add", "x")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert tasks_file.read_text(encoding="utf-8") == "not json at all", "Got the file overwritten"
