"""Demo of the Strategy pattern: the same tasks listed by four sorting strategies.

Run: python scripts/demo_sorting.py
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from manager import TaskManager
from models import Priority
from sorters import DateSorter, DueDateSorter, PrioritySorter, Sorter, TitleSorter


def sample_manager(sorter: Sorter) -> TaskManager:
    """Four tasks created one hour apart, with mixed priorities and due dates."""
    start = datetime(2026, 1, 5, 9, 0).astimezone()
    times = iter(start + timedelta(hours=n) for n in range(10))
    manager = TaskManager(sorter=sorter, clock=lambda: next(times))
    manager.add("Write release notes", priority=Priority.LOW, due=date(2026, 1, 20))
    manager.add("Fix login bug", priority=Priority.HIGH, due=date(2026, 1, 7))
    manager.add("Book team lunch", priority=Priority.MEDIUM)
    manager.add("Review pull request", priority=Priority.HIGH, due=date(2026, 1, 6))
    return manager


def main() -> None:
    """Print the sample tasks once per strategy."""
    strategies: list[tuple[str, Sorter]] = [
        ("DateSorter (oldest first)", DateSorter()),
        ("DateSorter (newest first)", DateSorter(newest_first=True)),
        ("PrioritySorter", PrioritySorter()),
        ("DueDateSorter", DueDateSorter()),
        ("TitleSorter", TitleSorter()),
    ]
    for label, sorter in strategies:
        print(f"{label}:")
        for task in sample_manager(sorter):
            print(f"  {task}")
        print()


if __name__ == "__main__":
    main()
