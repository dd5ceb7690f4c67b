"""Day 1: check the environment and practise modern Python syntax.

Run it with `python setup_check.py [OUTPUT]`; the report is printed and saved to
OUTPUT (default: output.txt in the current folder).
"""

import sys
from importlib.metadata import version
from pathlib import Path

import requests
from rich.console import Console

MINIMUM_PYTHON = (3, 11)


def greet(name: str) -> str:
    """Return a greeting for name that starts with "Hello, <name>!", e.g. "Hello, Ada! ..."."""
    return f"Hello, {name}! Your environment is ready."


def factorial(n: int) -> int:
    """Return n! (0! = 1! = 1) for n >= 0; a negative n raises ValueError."""
    if n < 0:
        raise ValueError(f"factorial is undefined for negative numbers, got {n}")
    result = 1
    for factor in range(2, n + 1):
        result *= factor
    return result


def first_factorial_above(limit: int) -> tuple[int, int]:
    """Return (n, n!) for the smallest n whose factorial is greater than limit.

    Use the walrus operator (:=) to compute and test each factorial in the loop's condition.
    """
    n = 0
    # The walrus operator computes the value and tests it in one expression.
    while (value := factorial(n)) <= limit:
        n += 1
    return n, value


def in_virtual_environment() -> bool:
    """Tell whether this interpreter runs inside a virtual environment.

    True when sys.prefix (the venv folder) differs from sys.base_prefix (the real Python).
    """
    # A venv's prefix points at the venv folder; base_prefix still points at the real Python.
    return sys.prefix != sys.base_prefix


def describe_python(version_info: tuple[int, ...]) -> str:
    """Say whether a Python version (major, minor, ...) is new enough for the journey.

    Use match/case: (3, 11, 7) gives "Python 3.11: OK"; anything older than
    MINIMUM_PYTHON gives "Python 3.10: too old, the journey needs 3.11+".
    """
    match version_info:
        case (major, minor, *_) if (major, minor) >= MINIMUM_PYTHON:
            return f"Python {major}.{minor}: OK"
        case (major, minor, *_):
            return f"Python {major}.{minor}: too old, the journey needs 3.11+"
        case _:
            return f"Python version {version_info!r}: not understood"


def build_report() -> str:
    """Return the environment report as text, one fact per line, ending with a newline.

    It holds at least these lines (the README's Contract shows them with values):
    describe_python(...) of this interpreter, "Virtual environment: active" (or
    "NOT active"), "requests <version>: imported", "rich <version>: imported", and
    "0! = 1", "1! = 1", "20! = <20!>".
    """
    n, value = first_factorial_above(1_000_000)
    lines = [
        describe_python(sys.version_info[:3]),
        f"Virtual environment: {'active' if in_virtual_environment() else 'NOT active'}",
        f"requests {requests.__version__}: imported",
        f"rich {version('rich')}: imported",
        *(f"{n}! = {factorial(n)}" for n in (0, 1, 5, 20)),
        f"The first factorial above one million is {n}! = {value}",
        greet("learner"),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the report and save it to argv[0] (default: output.txt); return the exit status.

    argv defaults to the command line (sys.argv[1:]). Returns 0 when saved; when the
    file cannot be written (OSError), prints one line "error: cannot write <path>: <reason>"
    to stderr and returns 1.
    """
    args = sys.argv[1:] if argv is None else argv
    output = Path(args[0]) if args else Path("output.txt")
    report = build_report()
    # soft_wrap keeps rich from breaking long lines, so the screen matches the file.
    console = Console(soft_wrap=True, highlight=False)  # pragma: no mutate (looks only)
    console.print(report, end="", markup=False)  # pragma: no mutate (looks only)
    try:
        with output.open("w", encoding="utf-8") as file:  # pragma: no mutate (ASCII text)
            file.write(report)
    except OSError as error:
        print(f"error: cannot write {output}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"Saved to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
