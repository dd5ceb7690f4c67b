"""Test set-up: this folder is the import root; fixtures for data files, the CLI and processes.

The project's own modules are imported inside the fixtures that need them, so each
day's tests need only that day's and earlier days' code (day 8 runs before cli.py exists).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def task_file(*entries: dict[str, Any], **fields: Any) -> bytes:
    """A task manager file's bytes; `fields` override the top level, `entries` are the tasks."""
    document = {"format": "task-manager", "version": 1, "next_id": 1, "tasks": list(entries)}
    return json.dumps({**document, **fields}).encode()


def task_entry(**fields: Any) -> dict[str, Any]:
    """A valid stored task (id 1), with `fields` replaced."""
    entry = {
        "id": 1,
        "title": "Buy milk",
        "status": "pending",
        "created_at": "2026-01-05T09:00:00+00:00",
        "priority": "medium",
        "tags": ["home"],
        "due": None,
    }
    return {**entry, **fields}


def raw_field(name: str, raw_json: str) -> bytes:
    """A file whose top-level `name` holds `raw_json` verbatim (text json.dumps never writes)."""
    fields = {"format": "task-manager", "version": 1, "next_id": 1, "tasks": []}
    text = json.dumps({key: value for key, value in fields.items() if key != name})
    return f'{text[:-1]}, "{name}": {raw_json}}}'.encode()


# Data files that are damaged or built to break the program, by the attack they carry. Each
# must give one StorageError line and stay byte for byte as it was.
HOSTILE_FILES: dict[str, bytes] = {
    "deep-nesting": raw_field("tasks", "[" * 100_000 + "]" * 100_000),
    "huge-number": raw_field("next_id", "1" + "0" * 5000),
    "nan": raw_field("next_id", "NaN"),
    "infinity": raw_field("next_id", "Infinity"),
    "minus-infinity": raw_field("next_id", "-Infinity"),
    "nan-in-an-unknown-field": raw_field("note", "NaN"),
    "not-utf8": task_file(task_entry()).replace(b"Buy milk", "Café".encode("latin-1")),
    "utf16": task_file(task_entry()).decode().encode("utf-16"),
    "version-true": task_file(version=True),
    "version-zero": task_file(version=0),
    "next-id-true": task_file(next_id=True),
    "next-id-zero": task_file(next_id=0),
    "next-id-beyond-2**53": task_file(next_id=2**53 + 1),
    "id-beyond-2**53": task_file(task_entry(id=2**53)),
    "duplicate-ids": task_file(task_entry(), task_entry(title="Twin")),
    "escape-sequence-in-title": task_file(task_entry(title="\x1b]0;pwned\x07\x1b[2J")),
    "newline-in-tag": task_file(task_entry(tags=["home\nwork"])),
    "lone-surrogate-in-title": task_file(task_entry(title="\ud800")),
    "tasks-not-a-list": task_file(tasks={"1": task_entry()}),
    "task-not-an-object": task_file(tasks=[[1, "Buy milk"]]),
}


class Hung(Exception):
    """Raised by within_seconds; not an OSError, so no `except OSError` can swallow it."""


@contextmanager
def within_seconds(seconds: int) -> Iterator[None]:
    """Raise Hung instead of blocking longer than `seconds` (POSIX main thread, else a no-op)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def give_up(signum: int, frame: object) -> None:
        raise Hung(f"still busy after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
