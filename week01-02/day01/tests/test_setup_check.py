"""Day 1: the environment report, the typed factorial and the modern-syntax helpers."""

import math
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import requests

from setup_check import (
    build_report,
    describe_python,
    factorial,
    first_factorial_above,
    greet,
    in_virtual_environment,
    main,
)

pytestmark = pytest.mark.day(1)

DAY = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("n", [0, 1, 20])
def test_factorial_matches_the_standard_library_at_the_edges(n: int) -> None:
    expected = math.factorial(n)
    got = factorial(n)
    assert got == expected, f"Called factorial({n}). Got {got}, expected {expected}"


@pytest.mark.hint(
    "A negative number has no factorial: check n before the loop and raise ValueError."
)
def test_factorial_of_a_negative_number_raises_value_error() -> None:
    with pytest.raises(ValueError):
        factorial(-1)


def test_first_factorial_above_a_limit_is_the_smallest_one() -> None:
    n, value = first_factorial_above(1_000_000)
    assert (n, value) == (10, math.factorial(10)), (
        f"Called first_factorial_above(1_000_000). Got {(n, value)}, "
        f"expected (10, {math.factorial(10)})"
    )
    assert math.factorial(n - 1) <= 1_000_000


@pytest.mark.parametrize(
    ("limit", "expected"), [(0, (0, 1)), (1, (2, 2)), (2, (3, 6)), (100, (5, 120)), (120, (6, 720))]
)
def test_first_factorial_above_small_limits(limit: int, expected: tuple[int, int]) -> None:
    got = first_factorial_above(limit)
    assert got == expected, f"Called first_factorial_above({limit}). Got {got}, expected {expected}"


def test_greet_puts_the_name_in_the_greeting() -> None:
    got = greet("Ada")
    assert got.startswith("Hello, Ada!"), (
        f"Called greet('Ada'). Got {got!r}, expected 'Hello, Ada!...'"
    )


@pytest.mark.parametrize(
    ("version_info", "expected"),
    [
        ((3, 11, 7), "Python 3.11: OK"),
        ((3, 13, 0), "Python 3.13: OK"),
        ((4, 0, 1), "Python 4.0: OK"),
    ],
)
def test_describe_python_accepts_3_11_and_newer(
    version_info: tuple[int, ...], expected: str
) -> None:
    got = describe_python(version_info)
    assert got == expected, (
        f"Called describe_python({version_info}). Got {got!r}, expected {expected!r}"
    )


@pytest.mark.parametrize("version_info", [(3, 10, 4), (2, 7, 18)])
def test_describe_python_says_older_versions_are_too_old(version_info: tuple[int, ...]) -> None:
    got = describe_python(version_info)
    prefix = f"Python {version_info[0]}.{version_info[1]}: too old"
    assert got.startswith(prefix), (
        f"Called describe_python({version_info}). Got {got!r}, expected it to start with {prefix!r}"
    )


def test_in_virtual_environment_compares_prefix_with_base_prefix(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for prefix, base_prefix, expected in [("/p/.venv", "/usr", True), ("/usr", "/usr", False)]:
        monkeypatch.setattr(sys, "prefix", prefix)
        monkeypatch.setattr(sys, "base_prefix", base_prefix)
        got = in_virtual_environment()
        assert got is expected, (
            f"Called in_virtual_environment() with sys.prefix={prefix!r} and "
            f"sys.base_prefix={base_prefix!r}. Got {got!r}, expected {expected}"
        )


def test_report_says_when_no_virtual_environment_is_active(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "prefix", sys.base_prefix)
    lines = build_report().splitlines()
    assert "Virtual environment: NOT active" in lines, (
        f"Called build_report() with sys.prefix == sys.base_prefix. Got {lines}, "
        "expected a line 'Virtual environment: NOT active'"
    )


def test_report_ends_with_a_newline() -> None:
    report = build_report()
    assert report.endswith("\n"), (
        f"Called build_report(). Got {report[-40:]!r} at its end, expected a final newline"
    )


def test_main_writes_the_report_to_the_given_file(tmp_path: Path) -> None:
    output = tmp_path / "output.txt"
    status = main([str(output)])
    assert status == 0, f"Called main([{str(output)!r}]). Got exit status {status}, expected 0"
    lines = output.read_text(encoding="utf-8").splitlines()
    major, minor = sys.version_info[:2]
    in_venv = sys.prefix != sys.base_prefix
    expected_lines = [
        f"Python {major}.{minor}: OK",
        f"Virtual environment: {'active' if in_venv else 'NOT active'}",
        f"requests {requests.__version__}: imported",
        f"rich {version('rich')}: imported",
        "0! = 1",
        "1! = 1",
        f"20! = {math.factorial(20)}",
    ]
    for line in expected_lines:
        assert line in lines, f"Called main(). Got file lines {lines}, expected a line {line!r}"


def test_main_saves_to_output_txt_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status = main([])
    saved = tmp_path / "output.txt"
    assert status == 0 and saved.is_file(), (
        f"Called main([]) in an empty folder. Got exit status {status} and "
        f"output.txt {'present' if saved.is_file() else 'missing'}, expected 0 and output.txt"
    )


def test_main_reads_the_output_path_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "report.txt"
    monkeypatch.setattr(sys, "argv", ["setup_check.py", str(output)])
    status = main()
    assert status == 0 and output.is_file(), (
        f"Called main() with sys.argv {sys.argv}. Got exit status {status} and "
        f"{output.name} {'present' if output.is_file() else 'missing'}, expected 0 and the file"
    )


def test_main_prints_exactly_what_it_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "output.txt"
    main([str(output)])
    printed = capsys.readouterr().out
    saved = output.read_text(encoding="utf-8")
    assert saved and printed.startswith(saved), (
        f"Called main(). Got printed {printed!r}, expected it to start with the saved {saved!r}"
    )


def test_main_reports_an_unwritable_path_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([str(tmp_path)])  # a folder cannot be opened as a file
    err = capsys.readouterr().err
    assert status == 1, f"Called main([folder]). Got exit status {status}, expected 1"
    assert err.startswith("error: cannot write") and err.count("\n") == 1, (
        f"Called main([folder]). Got stderr {err!r}, expected one 'error: cannot write' line"
    )


@pytest.mark.parametrize("command", ["-m venv", "activate", "pip install"])
def test_setup_md_documents_the_setup_steps(command: str) -> None:
    setup = DAY / "SETUP.md"
    text = setup.read_text(encoding="utf-8") if setup.is_file() else ""
    assert command in text, (
        f"Read SETUP.md. Got {len(text)} characters without {command!r}, "
        f"expected the setup steps, including the command with {command!r}"
    )
