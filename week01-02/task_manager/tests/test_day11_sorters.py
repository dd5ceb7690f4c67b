"""Day 11: Priority ranks, sorting strategies plugged into TaskManager, the demo of orders."""

from __future__ import annotations

import runpy
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from conftest import PROJECT_DIR, RunCli
from manager import TaskManager
from models import Priority
from sorters import DueDateSorter, PrioritySorter, TitleSorter

pytestmark = pytest.mark.day(11)


@pytest.fixture
def sample(clock: Iterator[datetime]) -> TaskManager:
    """Three tasks added in the order c, a, b with mixed priorities and due dates."""
    manager = TaskManager(clock=lambda: next(clock))
    manager.add("c low, due soon", priority=Priority.LOW, due=date(2026, 1, 6))
    manager.add("a high, no due date", priority=Priority.HIGH)
    manager.add("B medium, due later", priority=Priority.MEDIUM, due=date(2026, 2, 1))
    return manager


def _ids(manager: TaskManager) -> list[int]:
    return [task.id for task in manager]


def test_priority_has_three_levels_ranked_high_first() -> None:
    ranked = sorted(Priority, key=lambda p: p.rank)
    assert ranked == [Priority.HIGH, Priority.MEDIUM, Priority.LOW], f"Sorted by rank. Got {ranked}"
    ranks = [p.rank for p in ranked]
    assert ranks == [0, 1, 2], f"Read Priority.rank. Got {ranks}, expected [0, 1, 2]"
    assert Priority("high") is Priority.HIGH, "Called Priority('high'). Got a different member"


def test_priority_sorter_lists_high_then_medium_then_low(sample: TaskManager) -> None:
    sample.sorter = PrioritySorter()
    assert _ids(sample) == [2, 3, 1], f"Iterated with PrioritySorter(). Got {_ids(sample)}"


def test_priority_sorter_keeps_creation_order_within_a_priority(manager: TaskManager) -> None:
    for title in ("x", "y", "z"):
        manager.add(title, priority=Priority.HIGH)
    manager.sorter = PrioritySorter()
    assert _ids(manager) == [1, 2, 3], f"Sorted equal priorities. Got {_ids(manager)}"


def test_due_date_sorter_puts_tasks_without_a_due_date_last(sample: TaskManager) -> None:
    sample.sorter = DueDateSorter()
    assert _ids(sample) == [1, 3, 2], f"Iterated with DueDateSorter(). Got {_ids(sample)}"


def test_title_sorter_ignores_case(sample: TaskManager) -> None:
    sample.sorter = TitleSorter()
    assert _ids(sample) == [2, 3, 1], f"Iterated with TitleSorter(). Got {_ids(sample)}"


def test_sorter_given_to_the_constructor_orders_iteration_and_filters(
    clock: Iterator[datetime],
) -> None:
    manager = TaskManager(sorter=PrioritySorter(), clock=lambda: next(clock))
    manager.add("low", priority=Priority.LOW)
    manager.add("high", priority=Priority.HIGH)
    listed = [task.title for task in manager.filter()]
    assert listed == ["high", "low"], f"Called filter() with PrioritySorter. Got {listed}"


def test_cli_sort_option_uses_the_strategy(run_cli: RunCli) -> None:
    run_cli("add", "later", "--priority", "low")
    run_cli("add", "urgent", "--priority", "high")
    lines = run_cli("list", "--sort", "priority").stdout.splitlines()[1:]
    titles = [line.split()[-1] for line in lines]
    assert titles == ["urgent", "later"], f"Called list --sort priority. Got {titles}"


def test_demo_script_prints_each_strategy_with_a_different_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    runpy.run_path(str(PROJECT_DIR / "scripts" / "demo_sorting.py"), run_name="__main__")
    sections = capsys.readouterr().out.strip().split("\n\n")
    orders = {section.splitlines()[0]: tuple(section.splitlines()[1:]) for section in sections}
    assert len(orders) == 5 and len(set(orders.values())) == 5, (
        f"Ran scripts/demo_sorting.py. Got {len(set(orders.values()))} distinct orders, expected 5"
    )
