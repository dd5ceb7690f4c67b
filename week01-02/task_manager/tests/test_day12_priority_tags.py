"""Day 12: tags, due dates and overdue, filtering by priority, status and tag, CLI options."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import RunCli
from errors import InvalidInputError
from manager import TaskManager
from models import Priority, Status, parse_due

pytestmark = pytest.mark.day(12)


def test_tags_are_lower_cased_and_deduplicated(manager: TaskManager) -> None:
    task = manager.add("tagged", tags=["Work", " urgent ", "work"])
    assert task.tags == ("work", "urgent"), (
        f"Called add(tags=[Work, urgent, work]). Got {task.tags}"
    )


def test_tags_with_spaces_or_commas_are_refused(manager: TaskManager) -> None:
    for bad in ("two words", "a,b", " "):
        with pytest.raises(InvalidInputError, match="invalid tag"):
            manager.add("x", tags=[bad])
    assert len(manager) == 0, f"Added tasks with bad tags. Got {len(manager)} tasks, expected 0"


def test_filter_by_priority_status_and_tag_combines_criteria(manager: TaskManager) -> None:
    manager.add("high work", priority=Priority.HIGH, tags=["work"])
    manager.add("high home", priority=Priority.HIGH, tags=["home"])
    manager.add("low work", priority=Priority.LOW, tags=["work"])
    manager.add("high work done", priority=Priority.HIGH, tags=["work"])
    manager.complete(4)
    cases = {
        "priority=high": [t.id for t in manager.filter(priority=Priority.HIGH)],
        "tag=WORK": [t.id for t in manager.filter(tag="WORK")],
        "high+work+pending": [
            t.id for t in manager.filter(priority=Priority.HIGH, tag="work", status=Status.PENDING)
        ],
    }
    expected = {"priority=high": [1, 2, 4], "tag=WORK": [1, 3, 4], "high+work+pending": [1]}
    assert cases == expected, f"Called filter(). Got {cases}, expected {expected}"


def test_overdue_means_pending_and_due_before_today(manager: TaskManager) -> None:
    today = date(2026, 3, 10)
    late = manager.add("late", due=date(2026, 3, 9))
    due_today = manager.add("today", due=today)
    done_late = manager.complete(manager.add("done late", due=date(2026, 3, 1)).id)
    got = [task.is_overdue(today) for task in (late, due_today, done_late)]
    assert got == [True, False, False], f"Called is_overdue(2026-03-10). Got {got}"


def test_parse_due_reads_iso_dates_and_explains_bad_ones() -> None:
    assert parse_due("2026-12-31") == date(2026, 12, 31), "Called parse_due('2026-12-31')"
    with pytest.raises(InvalidInputError, match="use YYYY-MM-DD"):
        parse_due("31/12/2026")


def test_cli_add_stores_priority_tags_and_due(run_cli: RunCli, tasks_file: Path) -> None:
    result = run_cli(
        "add", "Ship it", "-p", "HIGH", "-t", "work", "-t", "release", "-d", "2026-12-31"
    )
    stored = json.loads(tasks_file.read_text(encoding="utf-8"))["tasks"][0]
    got = (stored["priority"], stored["tags"], stored["due"])
    assert result.exit_code == 0 and got == ("high", ["work", "release"], "2026-12-31"), (
        f"Called add with -p HIGH -t work -t release -d 2026-12-31. Got {got}"
    )


def test_cli_list_filters_by_priority_and_tag(run_cli: RunCli) -> None:
    run_cli("add", "alpha", "-p", "high", "-t", "work")
    run_cli("add", "beta", "-p", "low", "-t", "work")
    run_cli("add", "gamma", "-p", "high", "-t", "home")
    by_priority = run_cli("list", "--priority", "high").stdout
    by_both = run_cli("list", "-p", "high", "-t", "work").stdout
    assert "alpha" in by_priority and "gamma" in by_priority and "beta" not in by_priority, (
        by_priority
    )
    assert "alpha" in by_both and "gamma" not in by_both and "beta" not in by_both, by_both


def test_cli_list_shows_due_dates_and_tags_under_their_headers(run_cli: RunCli) -> None:
    run_cli("add", "Pay rent", "-p", "high", "-t", "home", "-t", "money", "-d", "2999-01-31")
    run_cli("add", "Walk dog")
    header, *rows = run_cli("list").stdout.splitlines()
    names = ["STATUS", "PRIORITY", "DUE", "TAGS", "TITLE"]
    assert header.split() == ["ID", *names], f"Called list. Got header {header!r}"
    expected = [
        ["pending", "high", "2999-01-31", "home,money", "Pay rent"],
        ["pending", "medium", " ", " ", "Walk dog"],
    ]
    for row, cells in zip(rows, expected, strict=True):
        for name, cell in zip(names, cells, strict=True):
            start = header.index(name)
            assert row[start : start + len(cell)] == cell, (
                f"Called list. Got row {row!r}, expected {cell!r} under {name} (column {start})"
            )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["add", "x", "--priority", "urgent"], "'urgent' is not one of"),
        (["add", "x", "--due", "2026-02-30"], "use YYYY-MM-DD"),
        (["add", "x", "--tag", "two words"], "invalid tag"),
        (["list", "--priority", "top"], "'top' is not one of"),
    ],
)
def test_cli_bad_priority_date_or_tag_is_one_line_and_changes_nothing(
    run_cli: RunCli, tasks_file: Path, args: list[str], expected: str
) -> None:
    kept = run_cli("add", "keep me", "-p", "low", "-t", "home", "-d", "2026-12-31")
    assert kept.exit_code == 0, f"Called add with -p -t -d. Got {kept.output!r}"
    before = tasks_file.read_bytes()
    result = run_cli(*args)
    assert result.exit_code != 0 and expected in result.stderr, (
        f"Called {args}. Got exit {result.exit_code}, stderr {result.stderr!r}"
    )
    assert result.stderr.count("\n") == 1, (
        f"Called {args}. Got {result.stderr!r}, expected one line"
    )
    assert tasks_file.read_bytes() == before, f"Called {args}. Got a changed tasks.json"
