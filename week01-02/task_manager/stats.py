"""Task statistics: totals, completion percentage, overdue work."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from models import Priority, Task


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts over a list of tasks; `pending_by_priority` counts open work per priority."""

    total: int
    completed: int
    overdue: int
    pending_by_priority: dict[Priority, int]

    @property
    def pending(self) -> int:
        """Tasks not yet done."""
        return self.total - self.completed

    @property
    def completed_percent(self) -> float:
        """Share of tasks done, 0-100, rounded to one decimal; 0.0 for an empty list."""
        return round(100 * self.completed / self.total, 1) if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by `stats --json`."""
        return {
            "total": self.total,
            "completed": self.completed,
            "pending": self.pending,
            "completed_percent": self.completed_percent,
            "overdue": self.overdue,
            "pending_by_priority": {p.value: n for p, n in self.pending_by_priority.items()},
        }


def compute_stats(tasks: Iterable[Task], today: date) -> Stats:
    """Count all, done and overdue tasks (pending, due before `today`), open work by priority."""
    total = completed = overdue = 0
    pending_by_priority = dict.fromkeys(Priority, 0)
    for task in tasks:
        total += 1
        if task.is_done:
            completed += 1
        else:
            pending_by_priority[task.priority] += 1
            overdue += task.is_overdue(today)
    return Stats(total, completed, overdue, pending_by_priority)
