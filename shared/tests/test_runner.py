"""The progress runner over small fixture projects written into a temporary journey."""

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from rich.console import Console

from journey import REPO_ROOT, curriculum
from journey.course import NOT_BUILT, Reference, day_state
from journey.progress import (
    DONE,
    FAILING,
    render_first_failure,
    summarize,
    write_json,
)
from journey.runner import run_projects

MANIFEST = """
[[day]]
day = 1
week = 1
title = "Passing day"
folder = "w/harness01"
projects = ["w/harness01"]
hint = "Start small."

[[day]]
day = 2
week = 1
title = "Failing day"
folder = "w/harness02"
projects = ["w/harness02"]
hint = "Read the assertion message."

[[day]]
day = 3
week = 1
title = "Day without code"
folder = "w/harness03"
projects = ["w/harness03"]
hint = "Create the file first."
"""

ITEMS_SCHEMA = """
    import pytest
    import sqlalchemy as sa

    metadata = sa.MetaData()
    items = sa.Table(
        "items", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(20), unique=True),
    )

    @pytest.fixture(scope="session")
    def journey_schema() -> sa.MetaData:
        return metadata
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))


@pytest.fixture
def journey_root(tmp_path: Path) -> Path:
    """A journey of its own: the real pytest settings, a manifest, no projects yet."""
    shutil.copy(REPO_ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    write(tmp_path / "curriculum.toml", MANIFEST)
    return tmp_path


def add_project(root: Path, name: str, tests: str, conftest: str = "") -> None:
    write(root / name / "conftest.py", conftest or '"""fixture project"""\n')
    write(root / name / "code.py", "def answer() -> int:\n    return 42\n")
    write(root / name / "tests" / "test_it.py", tests)


def test_days_show_as_done_failing_and_not_built(journey_root: Path) -> None:
    add_project(
        journey_root,
        "w/harness01",
        """
        import pytest
        from code import answer

        @pytest.mark.day(1)
        def test_answer_is_42() -> None:
            assert answer() == 42
        """,
    )
    add_project(
        journey_root,
        "w/harness02",
        """
        import pytest

        pytestmark = pytest.mark.day(2)

        def test_good() -> None:
            assert True

        def test_broken_sum() -> None:
            assert 1 + 1 == 3, "Called 1 + 1. Got 2, expected 3"
        """,
    )
    write(journey_root / "w" / "harness03" / "README.md", "# Day 3\n")
    plan = curriculum.load(journey_root / "curriculum.toml")
    projects = [p for p in plan.projects() if curriculum.has_code(journey_root / p)]
    runs = run_projects(journey_root, projects, None, remember=False)
    reference = Reference.of(journey_root)
    states = {d.day: day_state(plan, d, reference) for d in plan.days}
    statuses = {s.day: s for s in summarize(plan, plan.days, states, runs)}

    got = {day: (s.status, s.passed, s.total) for day, s in statuses.items()}
    expected = {1: (DONE, 1, 1), 2: (FAILING, 1, 2), 3: (NOT_BUILT, 0, 0)}
    assert got == expected, f"Called summarize(). Got {got}, expected {expected}"
    first = statuses[2].failures[0]["test"]
    assert first == "tests/test_it.py::test_broken_sum", (
        f"Got first failure {first!r}, expected the failing test's id"
    )

    console = Console(record=True, width=200)
    render_first_failure(console, list(statuses.values()), plan.days)
    detail = console.export_text()
    for needed in ("test_broken_sum", "Got 2, expected 3", "Read the assertion", "test-day 2"):
        assert needed in detail, f"Called render_first_failure(). Got {detail!r}, no {needed!r}"
    progress_file = journey_root / "progress.json"
    write_json(list(statuses.values()), {}, progress_file)
    saved = json.loads(progress_file.read_text())["days"]
    rows = [(d["day"], d["week"], d["status"], d["passed"], d["failed"], d["total"]) for d in saved]
    expected_rows = [(1, 1, DONE, 1, 0, 1), (2, 1, FAILING, 1, 1, 2), (3, 1, NOT_BUILT, 0, 0, 0)]
    assert rows == expected_rows, f"Read progress.json. Got {rows}, expected {expected_rows}"
    log = runs["w/harness01"].log.read_text()
    assert "Warning" not in log, f"The day marker printed a warning under --strict-markers: {log}"


def test_two_tests_in_a_row_do_not_see_each_others_rows(journey_root: Path) -> None:
    add_project(
        journey_root,
        "w/harness01",
        """
        import pytest
        import sqlalchemy as sa
        from conftest import items

        pytestmark = pytest.mark.day(1)

        def count(session) -> int:
            return session.execute(sa.select(sa.func.count()).select_from(items)).scalar()

        def test_first_adds_and_commits_a_row(db_session) -> None:
            db_session.execute(items.insert().values(name="only"))
            db_session.commit()
            assert count(db_session) == 1

        def test_second_starts_from_an_empty_table(db_session) -> None:
            assert count(db_session) == 0, "Called count(). Got rows left by the first test"
        """,
        ITEMS_SCHEMA,
    )
    runs = run_projects(journey_root, ["w/harness01"], None, remember=False)
    outcomes = {r["nodeid"].split("::")[1]: r["outcome"] for r in runs["w/harness01"].results}
    assert set(outcomes.values()) == {"passed"}, f"Got {outcomes}; log: {runs['w/harness01'].log}"


def test_two_projects_in_parallel_each_get_their_own_database(journey_root: Path) -> None:
    committing_test = """
        import time
        import pytest
        import sqlalchemy as sa
        from conftest import items

        @pytest.mark.day(1)
        def test_commit_holds_exactly_one_row(database_url: str) -> None:
            engine = sa.create_engine(database_url)
            with engine.begin() as conn:
                conn.execute(items.insert().values(name="same name"))
            time.sleep(1.0)  # overlap with the other project's run
            with engine.connect() as conn:
                rows = conn.execute(sa.select(sa.func.count()).select_from(items)).scalar()
            engine.dispose()
            assert rows == 1, f"Counted items. Got {rows}, expected 1"
    """
    add_project(journey_root, "w/harness01", committing_test, ITEMS_SCHEMA)
    add_project(journey_root, "w/harness02", committing_test, ITEMS_SCHEMA)
    runs = run_projects(journey_root, ["w/harness01", "w/harness02"], None, remember=False)
    for name, run in runs.items():
        outcomes = [r["outcome"] for r in run.results]
        assert outcomes == ["passed"], f"Project {name}: got {outcomes}, see {run.log}"
