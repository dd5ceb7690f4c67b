"""The mutation runner's own logic: the baseline, which files and projects it measures, how it
names a survivor and prints a score (mutmut itself is not run here: `make mutation` does)."""

import textwrap
from pathlib import Path

import pytest

from journey import curriculum
from journey.mutation import (
    Baseline,
    Outcome,
    Survivor,
    _changed_lines,
    _function_of,
    covered_projects,
    render,
    source_files,
)


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(textwrap.dedent(text).lstrip())


def test_the_baseline_reads_one_file_per_project_with_every_section(tmp_path: Path) -> None:
    write(
        tmp_path,
        "shop.toml",
        """
        [[mutate]]
        project = "shop"
        files = "app/services/*.py"
        reason = "the use cases"

        [[deselect]]
        project = "shop"
        test = "tests/e2e/test_properties.py"
        reason = "a property test over every operation"

        [[accepted]]
        project = "shop"
        file = "app/services/cart.py"
        function = "add"
        before = 'raise CartError("full")'
        after = "raise CartError(None)"
        reason = "wording: no Contract promises the message"
        """,
    )
    write(
        tmp_path, "day04.toml", '[[skip]]\nproject = "day04"\nfile = "demo.py"\nreason = "a demo"\n'
    )

    baseline = Baseline.load(tmp_path)

    assert baseline.scope("shop") == ["app/services/*.py"], baseline
    assert baseline.scope("day04") == [], baseline
    assert baseline.skipped == {("day04", "demo.py")}, baseline
    assert baseline.pytest_args("shop") == ["--ignore=tests/e2e/test_properties.py"]
    survivor = ("shop", "app/services/cart.py", "add", 'raise CartError("full")')
    assert (*survivor, "raise CartError(None)") in baseline.accepted, baseline.accepted


@pytest.mark.parametrize(
    ("entry", "complaint"),
    [
        ('[[skip]]\nproject = "shop"\nfile = "x.py"\n', "without a reason"),
        ('[[skip]]\nproject = "shop"\nfile = "x.py"\nreason = "  "\n', "without a reason"),
        ('[[skip]]\nproject = "other"\nfile = "x.py"\nreason = "r"\n', "another project"),
        ('[[mutate]]\nproject = "shop"\nreason = "r"\n', "needs project, files"),
        ("[[skip]\n", "not valid TOML"),
    ],
)
def test_a_baseline_entry_without_its_reason_or_in_the_wrong_file_is_refused(
    tmp_path: Path, entry: str, complaint: str
) -> None:
    (tmp_path / "shop.toml").write_text(entry)

    with pytest.raises(SystemExit) as refused:
        Baseline.load(tmp_path)

    assert complaint in str(refused.value), refused.value
    assert str(refused.value).startswith("shop.toml"), refused.value


def test_a_deselected_node_id_is_deselected_and_a_path_ignored() -> None:
    baseline = Baseline(
        deselected=frozenset({("shop", "tests/test_a.py::test_x"), ("shop", "tests/test_b.py")})
    )

    assert baseline.pytest_args("shop") == [
        "--deselect=tests/test_a.py::test_x",
        "--ignore=tests/test_b.py",
    ]
    assert baseline.pytest_args("other") == []


def test_source_files_leave_out_tests_and_keep_only_the_scope_when_there_is_one(
    tmp_path: Path,
) -> None:
    for name in (
        "app/services/cart.py",
        "app/routers/cart.py",
        "app/main.py",
        "conftest.py",
        "tests/test_cart.py",
        "test_loose.py",
        "scripts/demo.py",
        "app/__pycache__/cart.py",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")

    everything = source_files(tmp_path, skipped=["scripts/demo.py"])
    scoped = source_files(tmp_path, scope=["app/services/*.py", "app/main.py"])

    assert everything == ["app/main.py", "app/routers/cart.py", "app/services/cart.py"]
    assert scoped == ["app/main.py", "app/services/cart.py"]


def test_make_mutation_covers_the_plain_days_and_the_scoped_database_projects() -> None:
    plan = curriculum.load()
    baseline = Baseline(mutated=frozenset({("ecommerce_api", "app/services/*.py")}))

    covered = covered_projects(plan, None, baseline)

    assert "week01-02/day04" in covered and "week03-04/day20/background_api" in covered, covered
    assert "week05-06/ecommerce_api" in covered, covered
    assert "week03-04/day23/fastapi_sqlalchemy" not in covered, "a database day without a scope"
    assert covered_projects(plan, "ecommerce_api", baseline) == ["week05-06/ecommerce_api"]
    with pytest.raises(SystemExit, match="needs PostgreSQL"):
        covered_projects(plan, "fastapi_sqlalchemy", baseline)
    with pytest.raises(SystemExit, match="no project called 'nope'"):
        covered_projects(plan, "nope", baseline)


@pytest.mark.parametrize(
    ("mutant", "function"),
    [
        ("bank.x\u01c1Account\u01c1deposit__mutmut_3", "Account.deposit"),
        ("app.services.cart.x_add_item__mutmut_12", "add_item"),
        ("x_main__mutmut_1", "main"),
    ],
)
def test_a_mutant_is_named_by_its_function(mutant: str, function: str) -> None:
    assert _function_of(mutant) == function


def test_a_survivor_is_named_by_the_lines_it_changes_not_by_the_diff_headers() -> None:
    diff = "--- a/bank.py\n+++ b/bank.py\n@@ -1 +1 @@\n-    if amount > 0:\n+    if amount >= 0:\n"

    assert _changed_lines(diff, "-") == "if amount > 0:"
    assert _changed_lines(diff, "+") == "if amount >= 0:"


def test_the_report_scores_with_and_without_the_accepted_survivors() -> None:
    survivor = Survivor("shop", "m1", "cart.py", "add", "a > 0", "a >= 0")
    shop = Outcome(project="w/shop", name="shop", total=40, killed=34, accepted=4)
    shop.survivors.append(survivor)
    baseline = Baseline(accepted=frozenset({("shop", "cart.py", "gone", "x", "y")}))

    report = render([shop], baseline, draft=True)

    assert "85.0%" in report and "94.4%" in report, report  # 34/40 raw, 34/36 without accepted
    assert "1 survivor(s) not in the baseline" in report and survivor.line() in report, report
    assert "shop | cart.py | gone | x | y" in report, "a stale entry is listed for removal"
    assert 'before = "a > 0"' in report, "--draft prints an entry to paste"
    assert report.splitlines()[-1] == "mutation score: 85.0% (34/40)", report
