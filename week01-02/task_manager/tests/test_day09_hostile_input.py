"""Day 9: hostile input through the CLI: one `Error:` line, a non-zero exit, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from conftest import HOSTILE_FILES, MAIN, RunCli, within_seconds

pytestmark = pytest.mark.day(9)


def _one_error_line(result: Result, args: tuple[str, ...]) -> None:
    assert result.exit_code != 0, f"Called {args}. Got exit 0, expected an error"
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, (
        f"Called {args}. Got stderr {result.stderr!r}, expected one 'Error: ...' line"
    )
    assert isinstance(result.exception, SystemExit), (
        f"Called {args}. Got an unhandled {result.exception!r}"
    )


@pytest.mark.parametrize("attack", HOSTILE_FILES)
def test_hostile_data_file_gives_one_error_line_and_stays_intact(
    run_cli: RunCli, tasks_file: Path, attack: str
) -> None:
    tasks_file.write_bytes(HOSTILE_FILES[attack])
    for args in (("list",), ("add", "x"), ("complete", "1")):
        _one_error_line(run_cli(*args), args)
    assert tasks_file.read_bytes() == HOSTILE_FILES[attack], f"Ran {attack}. Got the file changed"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_as_data_file_gives_one_error_line_without_hanging(
    run_cli: RunCli, tasks_file: Path
) -> None:
    os.mkfifo(tasks_file)
    for args in (("list",), ("add", "x")):
        with within_seconds(10):
            _one_error_line(run_cli(*args), args)


def test_read_only_data_file_gives_one_error_line_and_stays_intact(
    run_cli: RunCli, tasks_file: Path
) -> None:
    run_cli("add", "keep me")
    before = tasks_file.read_bytes()
    os.chmod(tasks_file, 0o444)
    try:
        _one_error_line(run_cli("add", "x"), ("add", "x"))
    finally:
        os.chmod(tasks_file, 0o644)
    assert tasks_file.read_bytes() == before, "Added to a read-only file. Got it rewritten"


@pytest.mark.parametrize(
    "args",
    [
        ("add", "\udcff"),
        ("add", "ok", "-t", "caf\udce9"),
        ("search", "\ud800"),
        ("search", "\udfff"),
        ("list", "-t", "\udcff"),
    ],
    ids=[
        "surrogate-escaped-title",
        "surrogate-escaped-tag",
        "lone-surrogate-search",
        "last-surrogate",
        "list-tag",
    ],
)
def test_non_utf8_arguments_give_one_error_line(
    run_cli: RunCli, tasks_file: Path, args: tuple[str, ...]
) -> None:
    run_cli("add", "keep me")
    before = tasks_file.read_bytes()
    result = run_cli(*args)
    _one_error_line(result, args)
    assert result.exit_code == 2, f"Called {args}. Got exit {result.exit_code}, expected 2"
    shown = ascii(args[-1])[1:-1]  # the argument, its lone surrogate as an escape
    assert shown in result.stderr, f"Called {args}. Got {result.stderr!r}, expected {shown!r}"
    assert tasks_file.read_bytes() == before, f"Called {args}. Got a changed tasks.json"


def test_non_utf8_bytes_on_a_real_command_line_give_one_line_without_traceback(
    tasks_file: Path,
) -> None:
    command: list[str | bytes] = [sys.executable, str(MAIN), "--file", str(tasks_file)]
    command += ["add", b"caf\xe9"]
    result = subprocess.run(command, capture_output=True, timeout=30, check=False)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2 and "Traceback" not in stderr and stderr.count("\n") == 1, (
        f"Ran main.py add b'caf\\xe9'. Got exit {result.returncode}, stderr {stderr!r}"
    )
    assert not tasks_file.exists(), "Ran add with non-UTF-8 bytes. Got a data file written"


@pytest.mark.parametrize(
    "title", ["\x1b]0;owned\x07", "a\x1b[2Jb"], ids=["title-escape", "clear-screen"]
)
def test_terminal_escape_sequences_in_a_title_give_one_error_line(
    run_cli: RunCli, title: str
) -> None:
    result = run_cli("add", title)
    _one_error_line(result, ("add", title))
    assert "\x1b" not in result.stderr, f"Called add {title!r}. Got the escape echoed back raw"
