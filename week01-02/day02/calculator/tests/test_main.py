"""Day 2: main.py ties the package together and turns bad input into one-line errors."""

import subprocess
import sys
from pathlib import Path

import pytest

from main import main

pytestmark = pytest.mark.day(2)

CALCULATOR = Path(__file__).resolve().parents[1]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Call main(args) and return its exit status, stdout and stderr."""
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_calculation_prints_the_equation(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(["6", "/", "4"], capsys)
    assert (status, out) == (0, "6 / 4 = 1.5\n"), (
        f"Called main(['6', '/', '4']). Got {(status, out)}, expected (0, '6 / 4 = 1.5')"
    )


def test_no_arguments_prints_the_sample_calculations(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run([], capsys)
    assert status == 0 and "0.1 + 0.2 = 0.3" in out.splitlines(), (
        f"Called main([]). Got {status} and {out!r}, expected the line '0.1 + 0.2 = 0.3'"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["8", "/", "0"], "error: cannot divide by zero\n"),
        (["abc", "+", "1"], "error: 'abc' is not a number\n"),
        (["1", "+", "NaN"], "error: 'NaN' is not a number\n"),
        (["1", "%", "2"], "error: '%' is not an operator (use one of: + - * x /)\n"),
    ],
)
def test_bad_input_gives_one_error_line_and_exit_status_1(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(args, capsys)
    assert (status, out, err) == (1, "", message), (
        f"Called main({args}). Got {(status, out, err)}, expected (1, '', {message!r})"
    )


def test_main_reads_the_command_line_by_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", ["main.py", "6", "x", "7"])
    status = main()
    out = capsys.readouterr().out
    assert (status, out) == (0, "6 x 7 = 42\n"), (
        f"Called main() with sys.argv {sys.argv}. Got {(status, out)}, expected (0, '6 x 7 = 42')"
    )


def test_wrong_number_of_arguments_prints_usage(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["1", "+"], capsys)
    assert status == 2 and err.startswith("usage:"), (
        f"Called main(['1', '+']). Got {status} and {err!r}, expected 2 and a usage line"
    )


def test_running_the_script_shows_no_traceback_on_division_by_zero() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "1", "/", "0"],
        cwd=CALCULATOR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, f"Ran main.py 1 / 0. Got exit {result.returncode}, expected 1"
    assert result.stderr == "error: cannot divide by zero\n", (
        f"Ran main.py 1 / 0. Got stderr {result.stderr!r}, expected one error line"
    )
