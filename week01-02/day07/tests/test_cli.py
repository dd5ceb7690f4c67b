"""Day 7: the command line keeps its data between runs and never damages the file."""

import subprocess
import sys
from pathlib import Path

import pytest

from persistent_bank import main

pytestmark = pytest.mark.day(7)

SCRIPT = Path(__file__).resolve().parents[1] / "persistent_bank.py"


def run_program(bank_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run persistent_bank.py as a fresh process, as a user would."""
    command = [sys.executable, str(SCRIPT), "--file", str(bank_file), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_data_survives_a_program_restart(tmp_path: Path) -> None:
    bank_file = tmp_path / "bank.json"
    run_program(bank_file, "open", "Alice", "100")
    run_program(bank_file, "deposit", "Alice", "25.50")
    shown = run_program(bank_file, "show")
    assert shown.stdout == "Alice: 125.50 (1 transaction)\n", (
        f"Ran open, deposit, then show in three processes. Got {shown.stdout!r}, "
        "expected 'Alice: 125.50 (1 transaction)'"
    )


def test_a_corrupt_file_gives_one_error_line_and_is_not_overwritten(tmp_path: Path) -> None:
    bank_file = tmp_path / "bank.json"
    bank_file.write_text("{ not json", encoding="utf-8")
    result = run_program(bank_file, "open", "Alice", "10")
    assert result.returncode == 1, f"Ran open on a corrupt file. Got exit {result.returncode}"
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, (
        f"Ran open on a corrupt file. Got stderr {result.stderr!r}, expected one error line"
    )
    got = bank_file.read_text(encoding="utf-8")
    assert got == "{ not json", f"Ran open on a corrupt file. Got file {got!r}, expected it intact"


@pytest.mark.parametrize(
    "args",
    [
        ["withdraw", "Alice", "10.01"],
        ["deposit", "Zoe", "1"],
        ["deposit", "Alice", "ten"],
        ["deposit", "Alice", "-1"],
        ["open", "Alice"],
    ],
    ids=["overdraw", "unknown owner", "not a number", "negative", "second account"],
)
def test_a_refused_command_gives_one_error_line_and_leaves_the_file_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    bank_file = tmp_path / "bank.json"
    main(["--file", str(bank_file), "open", "Alice", "10.00"])
    before = bank_file.read_bytes()
    capsys.readouterr()
    status = main(["--file", str(bank_file), *args])
    out, err = capsys.readouterr()
    one_error_line = err.startswith("error: ") and err.count("\n") == 1
    assert (status, out, one_error_line) == (1, "", True), (
        f"Called main({args}). Got exit {status}, stdout {out!r}, stderr {err!r}; "
        "expected exit 1, no stdout and one line 'error: ...' on stderr"
    )
    assert bank_file.read_bytes() == before, f"Called main({args}). Got a changed bank file"


def test_show_on_a_first_run_creates_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_file = tmp_path / "bank.json"
    status = main(["--file", str(bank_file), "show"])
    out = capsys.readouterr().out
    assert (status, out) == (0, "no accounts yet\n"), f"Called show first. Got {(status, out)}"
    assert not bank_file.exists(), "Called show first. Got a bank file, expected none"


@pytest.mark.parametrize(
    "args",
    [
        ["deposit", "Alice", "1e30"],
        ["deposit", "Alice", "1e999999"],
        ["deposit", "Alice", "9" * 40],
        ["deposit", "Alice", "999999999999999.99"],
        ["open", "Bob", "1e16"],
    ],
    ids=["1e30", "1e999999", "40 nines", "past the limit", "huge opening"],
)
def test_a_huge_amount_gives_one_error_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    bank_file = tmp_path / "bank.json"
    main(["--file", str(bank_file), "open", "Alice", "10.00"])
    before = bank_file.read_bytes()
    capsys.readouterr()
    status = main(["--file", str(bank_file), *args])
    err = capsys.readouterr().err
    assert (status, err.startswith("error: "), err.count("\n")) == (1, True, 1), (
        f"Called main({args}). Got exit {status}, stderr {err!r}; expected exit 1, one error line"
    )
    assert bank_file.read_bytes() == before, f"Called main({args}). Got a changed bank file"


@pytest.mark.parametrize(
    "args",
    [["open", "caf\udce9"], ["open", "\x1b[2J"], ["deposit", "\ud800", "1"]],
    ids=["undecodable owner", "escape sequence owner", "lone surrogate owner"],
)
def test_an_owner_that_is_not_printable_text_gives_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    bank_file = tmp_path / "bank.json"
    main(["--file", str(bank_file), "open", "Alice"])
    before = bank_file.read_bytes()
    capsys.readouterr()
    status = main(["--file", str(bank_file), *args])
    err = capsys.readouterr().err
    assert (status, err.count("\n")) == (1, 1), f"Called main({args}). Got {status}, {err!r}"
    assert bank_file.read_bytes() == before, f"Called main({args}). Got a changed bank file"


def test_non_utf8_bytes_on_a_real_command_line_give_one_line_without_traceback(
    tmp_path: Path,
) -> None:
    bank_file = tmp_path / "bank.json"
    command: list[str | bytes] = [sys.executable, str(SCRIPT), "--file", str(bank_file)]
    result = subprocess.run([*command, "open", b"caf\xe9"], capture_output=True, check=False)
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1 and "Traceback" not in stderr and stderr.count("\n") == 1, (
        f"Ran open b'caf\\xe9'. Got exit {result.returncode}, stderr {stderr!r}"
    )
    assert not bank_file.exists(), "Ran open with non-UTF-8 bytes. Got a bank file written"
