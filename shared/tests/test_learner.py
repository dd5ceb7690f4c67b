"""The learner's loop on a small journey of its own: start, progress, solution, reset."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from journey import REPO_ROOT

MANIFEST = """
[[day]]
day = 1
week = 1
title = "Add numbers"
folder = "w/harness01"
projects = ["w/harness01"]
hint = "Just return a + b."
starter = ["adder.py"]

[[day]]
day = 2
week = 1
title = "Not built yet"
folder = "w/harness02"
projects = ["w/harness02"]

[[day]]
day = 3
week = 1
title = "Milestone, part 1"
folder = "w/harness03"
projects = ["w/harness_mile"]
starter = ["calc.py::double"]

[[day]]
day = 4
week = 1
title = "Milestone, part 2"
folder = "w/harness03"
projects = ["w/harness_mile"]
starter = ["calc.py::triple"]
"""

CALC = '''"""A milestone file that two days share."""


def double(n: int) -> int:
    """Day 3: twice n."""
    return 2 * n


def triple(n: int) -> int:
    """Day 4: three times n."""
    return 3 * n
'''

ADDER = '''"""Day 1: add two numbers."""


def add(a: int, b: int) -> int:
    """Return a + b."""
    return a + b
'''

TESTS = """
import pytest
from adder import add

pytestmark = pytest.mark.day(1)


@pytest.mark.hint("add() must return the sum, not print it.")
def test_add_returns_the_sum() -> None:
    assert add(2, 3) == 5, f"Called add(2, 3). Got {add(2, 3)}, expected 5"


def test_add_handles_negatives() -> None:
    assert add(-2, 1) == -1
"""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def journey(tmp_path: Path) -> Path:
    """A committed clone-like journey with one built day and one unbuilt; no git identity."""
    root = tmp_path / "journey"
    (root / "w" / "harness01" / "tests").mkdir(parents=True)
    (root / "w" / "harness02").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "pyproject.toml", root / "pyproject.toml")
    (root / "curriculum.toml").write_text(MANIFEST)
    (root / ".gitignore").write_text(".journey/\n__pycache__/\n")
    (root / "w" / "harness01" / "README.md").write_text("# Day 1\n")
    (root / "w" / "harness02" / "README.md").write_text("# Day 2\n")
    (root / "w" / "harness01" / "conftest.py").write_text('"""root"""\n')
    (root / "w" / "harness01" / "adder.py").write_text(ADDER)
    (root / "w" / "harness01" / "tests" / "test_adder.py").write_text(textwrap.dedent(TESTS))
    (root / "w" / "harness03").mkdir(parents=True)
    (root / "w" / "harness03" / "README.md").write_text("# Days 3-4\n")
    (root / "w" / "harness_mile").mkdir(parents=True)
    (root / "w" / "harness_mile" / "conftest.py").write_text('"""root"""\n')
    (root / "w" / "harness_mile" / "calc.py").write_text(CALC)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.invalid", "add", "--all")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.invalid", "commit", "-qm", "ref")
    return root


def journey_cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "JOURNEY_"))}
    # No git identity at all, as on a fresh machine: `make start` must still commit.
    env |= {"JOURNEY_ROOT": str(root), "HOME": str(root.parent), "GIT_CONFIG_NOSYSTEM": "1"}
    command = [sys.executable, "-m", "journey.cli", *args]
    return subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def statuses(root: Path) -> dict[int, str]:
    document = json.loads((root / ".journey" / "progress.json").read_text())
    return {d["day"]: d["status"] for d in document["days"]}


def test_start_makes_a_branch_where_built_days_are_to_do(journey: Path) -> None:
    done = journey_cli(journey, "start")
    assert done.returncode == 0, f"Called journey start. Got {done.returncode}: {done.stderr}"
    branch = git(journey, "branch", "--show-current").strip()
    assert branch == "my-journey", f"Called journey start. Got branch {branch!r}"
    assert git(journey, "status", "--porcelain") == "", "journey start left changes uncommitted"
    starter = (journey / "w" / "harness01" / "adder.py").read_text()
    assert "return a + b" not in starter, f"The starter holds the solution:\n{starter}"

    progress = journey_cli(journey, "progress")
    got = statuses(journey)
    assert progress.returncode == 0, f"progress on a fresh branch failed: {progress.stdout}"
    expected = {1: "to do", 2: "not built", 3: "to do", 4: "to do"}
    assert got == expected, f"Called journey progress. Got {got}, expected {expected}"


def test_start_refuses_a_dirty_tree_and_an_existing_branch(journey: Path) -> None:
    (journey / "w" / "harness01" / "adder.py").write_text(ADDER + "# edited\n")
    dirty = journey_cli(journey, "start")
    assert dirty.returncode != 0 and "uncommitted" in dirty.stderr, dirty.stderr
    git(journey, "checkout", "--", ".")
    git(journey, "branch", "my-journey")
    taken = journey_cli(journey, "start")
    assert taken.returncode != 0 and "exists already" in taken.stderr, taken.stderr
    assert "Traceback" not in dirty.stderr + taken.stderr


def test_the_solution_copied_in_makes_the_day_done(journey: Path) -> None:
    journey_cli(journey, "start")
    shown = journey_cli(journey, "solution", "1")
    assert "try first" in shown.stdout, f"Called journey solution 1. Got {shown.stdout!r}"
    solution = journey / ".journey" / "solutions" / "day01" / "adder.py"
    learner_file = journey / "w" / "harness01" / "adder.py"
    assert "return NotImplemented" not in learner_file.read_text()
    assert "raise NotImplementedError" in learner_file.read_text(), "solution overwrote the file"
    shutil.copy(solution, learner_file)
    done = journey_cli(journey, "test", "--week", "1")
    assert statuses(journey)[1] == "done", f"Copied the solution in. Got {done.stdout}"


def test_a_wrong_answer_shows_the_failing_tests_and_the_hint(journey: Path) -> None:
    journey_cli(journey, "start")
    (journey / "w" / "harness01" / "adder.py").write_text(ADDER.replace("a + b", "a - b"))
    done = journey_cli(journey, "test", "--day", "1")
    assert done.returncode == 1, f"A failing day must fail the command. Got {done.returncode}"
    for needed in (
        "test_add_returns_the_sum",
        "Got -1, expected 5",
        "test_add_handles_negatives",
        "add() must return the sum",
        "Just return a + b.",
        "-m pytest --day 1",
    ):
        assert needed in done.stdout, (
            f"Called journey test --day 1. No {needed!r} in:\n{done.stdout}"
        )


def test_a_deleted_file_is_failing_and_named(journey: Path) -> None:
    journey_cli(journey, "start")
    (journey / "w" / "harness01" / "adder.py").unlink()
    done = journey_cli(journey, "test", "--day", "1")
    assert done.returncode == 1, f"Deleted adder.py. Got exit {done.returncode}: {done.stdout}"
    assert "missing file: adder.py" in done.stdout, done.stdout
    assert "2/2" not in done.stdout and "0/2" in done.stdout, (
        f"Both tests must count: {done.stdout}"
    )


def test_reset_restores_the_starter_byte_for_byte_and_keeps_a_backup(journey: Path) -> None:
    journey_cli(journey, "start")
    target = journey / "w" / "harness01" / "adder.py"
    starter = target.read_bytes()
    target.write_text("my attempt\n")
    done = journey_cli(journey, "reset", "1")
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == starter, "Called journey reset 1. The starter was not restored"
    backups = list((journey / ".journey" / "backups").rglob("adder.py"))
    assert [b.read_text() for b in backups] == ["my attempt\n"], f"Backups: {backups}"
    assert "backups" in done.stdout, f"reset must say where the backup is: {done.stdout}"


def test_reset_replaces_a_symlink_never_the_file_it_points_to(journey: Path) -> None:
    journey_cli(journey, "start")
    outside = journey.parent / "precious.txt"
    outside.write_text("not yours\n")
    target = journey / "w" / "harness01" / "adder.py"
    target.unlink()
    target.symlink_to(outside)
    done = journey_cli(journey, "reset", "1")
    assert done.returncode == 0, done.stderr
    assert outside.read_text() == "not yours\n", "Called journey reset 1. It wrote through a link"
    assert not target.is_symlink() and "raise NotImplementedError" in target.read_text()


def test_two_resets_in_one_second_keep_two_backups(journey: Path) -> None:
    journey_cli(journey, "start")
    target = journey / "w" / "harness01" / "adder.py"
    target.write_text("attempt one\n")
    journey_cli(journey, "reset", "1")
    journey_cli(journey, "reset", "1")
    saved = sorted(b.read_text() for b in (journey / ".journey" / "backups").rglob("adder.py"))
    assert "attempt one\n" in saved and len(saved) == 2, f"Two resets. Got backups {saved}"


def test_reset_of_one_day_never_replaces_a_file_other_days_share(journey: Path) -> None:
    journey_cli(journey, "start")
    calc = journey / "w" / "harness_mile" / "calc.py"
    broken = CALC.replace("return 3 * n", "return 3 * n   (oops")  # day 4's work, mistyped
    calc.write_text(broken)
    done = journey_cli(journey, "reset", "3")
    assert done.returncode != 0 and "does not parse" in done.stderr, done.stderr
    assert calc.read_text() == broken, "A refused reset changed the shared file"
    calc.write_text(CALC)
    journey_cli(journey, "reset", "3")
    text = calc.read_text()
    assert "return 3 * n" in text and "return 2 * n" not in text, f"reset 3 gave:\n{text}"


def test_a_milestone_day_solution_keeps_later_days_as_stubs(journey: Path) -> None:
    journey_cli(journey, "start")
    journey_cli(journey, "solution", "3")
    text = (journey / ".journey" / "solutions" / "day03" / "calc.py").read_text()
    assert "return 2 * n" in text, f"Day 3's own code is missing:\n{text}"
    assert "return 3 * n" not in text, f"solution 3 gave away day 4:\n{text}"


@pytest.mark.parametrize("argument", ["\u00b2", "9" * 5000, "-1", "1e3"])
def test_odd_day_arguments_get_one_line(journey: Path, argument: str) -> None:
    done = journey_cli(journey, "hint", argument)
    assert done.returncode == 2 and "does not exist" in done.stderr, done.stderr[:300]
    assert "Traceback" not in done.stderr


def test_a_damaged_start_file_is_one_line(journey: Path) -> None:
    journey_cli(journey, "start")
    (journey / ".journey-start").write_text(
        'reference = "0000000000000000000000000000000000000000"\n'
    )
    done = journey_cli(journey, "progress")
    assert done.returncode != 0 and "does not have" in done.stderr, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    checked = journey_cli(journey, "check-starters")
    assert checked.returncode != 0 and "Traceback" not in checked.stderr, checked.stderr


def test_make_run_names_the_days_of_the_project_still_left_as_starters(journey: Path) -> None:
    from journey import curriculum
    from journey.serve import unwritten_days

    plan = curriculum.load(journey / "curriculum.toml")
    assert unwritten_days(plan, "w/harness_mile") == [], "On the reference nothing is a starter"
    journey_cli(journey, "start")
    assert unwritten_days(plan, "w/harness_mile") == [3, 4], "After start both days are starters"
    calc = journey / "w" / "harness_mile" / "calc.py"
    calc.write_text(calc.read_text().replace('raise NotImplementedError("day 3', "return 2 * n  #"))

    assert unwritten_days(plan, "w/harness_mile") == [4], f"Wrote day 3:\n{calc.read_text()}"


@pytest.mark.parametrize(
    ("first_lines", "named"),
    [
        ("import sys\nsys.exit(0)\n", "importing this file called sys.exit(0)"),
        ("import sys\nsys.exit('bye')\n", "called sys.exit('bye')"),
        ("import os\nos._exit(0)\n", "the test process ended before pytest finished"),
    ],
)
def test_code_that_exits_while_imported_fails_the_day_and_says_so(
    journey: Path, first_lines: str, named: str
) -> None:
    journey_cli(journey, "start")
    adder = journey / "w" / "harness01" / "adder.py"
    adder.write_text(first_lines + ADDER)

    done = journey_cli(journey, "test", "--week", "1")

    assert statuses(journey)[1] == "failing", f"adder.py starts {first_lines!r}: {done.stdout}"
    assert named in " ".join(done.stdout.split()), f"Expected {named!r} in:\n{done.stdout}"


def test_a_day_is_done_only_on_the_tests_make_start_gave(journey: Path) -> None:
    journey_cli(journey, "start")
    adder = journey / "w" / "harness01" / "adder.py"
    adder.write_text(ADDER.replace("return a + b", "return 5"))  # right for add(2, 3) only
    given = journey / "w" / "harness01" / "tests" / "test_adder.py"
    given.write_text(given.read_text().replace("add(-2, 1) == -1", "True"))
    (journey / "w" / "harness01" / "tests" / "test_mine.py").write_text(
        "import pytest\n\npytestmark = pytest.mark.day(1)\n\n\ndef test_mine() -> None:\n"
        "    assert True\n"
    )

    done = journey_cli(journey, "test", "--week", "1")

    assert statuses(journey)[1] == "failing", f"Edited a given test to pass: {done.stdout}"
    flat = " ".join(done.stdout.split())
    assert "w/harness01/tests/test_adder.py differs from the file make start gave" in flat, flat
    assert "test_mine.py" not in flat, "A learner's own new test file is theirs to write"
    given.unlink()
    done = journey_cli(journey, "test", "--week", "1")
    assert statuses(journey)[1] == "failing", f"Deleted the given test file: {done.stdout}"
