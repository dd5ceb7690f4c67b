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
        ["deposit", "Alice", "0"],
        ["withdraw", "Alice", "0.001"],
        ["open", "Alice"],
    ],
    ids=[
        "overdraw",
        "unknown owner",
        "not a number",
        "negative",
        "zero",
        "sub-cent",
        "second account",
    ],
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
        ["deposit", "Alice", "999999999999990.00"],
        ["open", "Bob", "1e16"],
        ["open", "Bob", "1000000000000000"],
    ],
    ids=[
        "1e30",
        "1e999999",
        "40 nines",
        "past the limit",
        "up to the limit",
        "huge opening",
        "opening at the limit",
    ],
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


def test_each_command_prints_its_line_and_show_counts_transactions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_file = tmp_path / "bank.json"
    commands = [
        (["open", "Alice", "100"], "opened an account for Alice with 100.00"),
        (["deposit", "Alice", "0.01"], "Alice: 100.01"),
        (["withdraw", "Alice", "0.50"], "Alice: 99.51"),
        (["open", "Bob", "5"], "opened an account for Bob with 5.00"),
        (["deposit", "Bob", "1"], "Bob: 6.00"),
        (["open", "Chen"], "opened an account for Chen with 0.00"),
    ]
    for args, line in commands:
        status = main(["--file", str(bank_file), *args])
        out = capsys.readouterr().out
        assert (status, out) == (0, line + "\n"), (
            f"Called main({args}). Got {(status, out)}, expected (0, {line!r})"
        )
    main(["--file", str(bank_file), "show"])
    shown = capsys.readouterr().out
    expected = (
        "Alice: 99.51 (2 transactions)\nBob: 6.00 (1 transaction)\nChen: 0.00 (0 transactions)\n"
    )
    assert shown == expected, f"Called main(['show']). Got {shown!r}, expected {expected!r}"


def test_the_whole_balance_can_be_withdrawn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank_file = tmp_path / "bank.json"
    main(["--file", str(bank_file), "open", "Alice", "10.00"])
    status = main(["--file", str(bank_file), "withdraw", "Alice", "10.00"])
    out = capsys.readouterr().out.splitlines()[-1]
    assert (status, out) == (0, "Alice: 0.00"), (
        f"Called main(['withdraw', 'Alice', '10.00']) on 10.00. Got {(status, out)}, "
        "expected (0, 'Alice: 0.00')"
    )


def test_the_bank_file_is_bank_json_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status = main(["open", "Alice", "1"])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert (status, names) == (0, ["bank.json"]), (
        f"Called main(['open', 'Alice', '1']) without --file. Got exit {status} and folder "
        f"{names}, expected 0 and bank.json"
    )
