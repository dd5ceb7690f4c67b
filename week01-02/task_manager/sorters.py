"""Sorting strategies: each sorter is one way to order tasks, pluggable into TaskManager."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from models import Task


class Sorter(Protocol):
    """A sorting strategy: anything with a `name` and a `sort(tasks)` returning a new list."""

    name: str

    def sort(self, tasks: Iterable[Task]) -> list[Task]:
        """Return the tasks in this strategy's order."""
        ...


class DateSorter:
    """Oldest first (creation time, then id); `newest_first=True` reverses it."""

    name = "date"

    def __init__(self, newest_first: bool = False) -> None:
        """Remember the direction: oldest first unless `newest_first`."""
        self.newest_first = newest_first

    def sort(self, tasks: Iterable[Task]) -> list[Task]:
        """Order by (created_at, id): the order of Task's own `<`, without needing it."""
        return sorted(tasks, key=lambda t: (t.created_at, t.id), reverse=self.newest_first)


class PrioritySorter:
    """HIGH before MEDIUM before LOW; ties keep creation order."""

    name = "priority"

    def sort(self, tasks: Iterable[Task]) -> list[Task]:
        """Order by priority rank, then creation time."""
        return sorted(tasks, key=lambda t: (t.priority.rank, t.created_at, t.id))


class DueDateSorter:
    """Soonest due date first; tasks without a due date go last."""

    name = "due"

    def sort(self, tasks: Iterable[Task]) -> list[Task]:
        """Order by due date (missing dates last), then priority."""
        return sorted(tasks, key=lambda t: (t.due or date.max, t.priority.rank, t.id))


class TitleSorter:
    """Alphabetical by title, ignoring case."""

    name = "title"

    def sort(self, tasks: Iterable[Task]) -> list[Task]:
        """Order by case-folded title, then id."""
        return sorted(tasks, key=lambda t: (t.title.casefold(), t.id))


SORTERS: dict[str, type[DateSorter | PrioritySorter | DueDateSorter | TitleSorter]] = {
    cls.name: cls for cls in (DateSorter, PrioritySorter, DueDateSorter, TitleSorter)
}


def sorter_named(name: str) -> Sorter:
    """A new sorter of the class registered under `name` in SORTERS (date, priority, due, title).

    An unknown name raises ValueError("unknown sort 'size': choose one of ...").
    """
    try:
        return SORTERS[name]()
    except KeyError:
        raise ValueError(f"unknown sort {name!r}: choose one of {', '.join(SORTERS)}") from None
