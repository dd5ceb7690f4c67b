"""The Makefile answers a wrong argument with one line naming what is valid."""

import subprocess

import pytest

from journey import REPO_ROOT


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("test-week", "12"), "choose 1-8"),
        (("test-day", "99"), "choose 1-56"),
        (("run", "P=nope"), "choose one of blog_api"),
    ],
)
def test_a_wrong_argument_names_what_is_valid(args: tuple[str, ...], expected: str) -> None:
    done = make(*args)
    output = done.stdout + done.stderr
    assert done.returncode != 0, f"Called make {' '.join(args)}. Got exit 0, expected a failure"
    assert expected in output, f"Called make {' '.join(args)}. Got {output!r}, no {expected!r}"
    assert "Traceback" not in output, f"Called make {' '.join(args)}. Got a traceback: {output}"
