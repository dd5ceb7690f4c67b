"""Test set-up: this folder is the import root; fixtures for data files, the CLI and processes.

The project's own modules are imported inside the fixtures that need them, so each
day's tests need only that day's and earlier days' code (day 8 runs before cli.py exists).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

if TYPE_CHECKING:
    from manager import TaskManager

PROJECT_DIR = Path(__file__).resolve().parent
MAIN = PROJECT_DIR / "main.py"

RunCli = Callable[..., Result]
RunProcess = Callable[..., "subprocess.CompletedProcess[str]"]


@pytest.fixture
def tasks_file(tmp_path: Path) -> Path:
    """A data file path in a fresh folder (not created yet)."""
    return tmp_path / "tasks.json"


@pytest.fixture
def run_cli(tasks_file: Path, monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Invoke the CLI in-process on `tasks_file`: run_cli("add", "Buy milk")."""
    from cli import cli

    monkeypatch.delenv("TASKS_FILE", raising=False)
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(cli, ["--file", str(tasks_file), *args], env=env)

    return run


@pytest.fixture
def run_process(tasks_file: Path) -> RunProcess:
    """Run `python main.py --file tasks_file ...` as a real process (slower: use sparingly)."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(MAIN), "--file", str(tasks_file), *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)

    return run


@pytest.fixture
def clock() -> Iterator[datetime]:
    """Creation times one minute apart, starting 2026-01-05 09:00 local time."""
    start = datetime(2026, 1, 5, 9, 0).astimezone()
    return (start + timedelta(minutes=n) for n in range(1000))


@pytest.fixture
def manager(clock: Iterator[datetime]) -> TaskManager:
    """An empty TaskManager with a predictable clock."""
    from manager import TaskManager

    return TaskManager(clock=lambda: next(clock))
