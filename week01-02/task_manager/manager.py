"""TaskManager: the in-memory collection of tasks with its operations (no file access here)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime

from errors import TaskNotFoundError
from models import Priority, Status, Task, normalize_tags, normalize_title
from sorters import DateSorter, Sorter

logger = logging.getLogger(f"task_manager.{__name__}")


def local_now() -> datetime:
    """The current time with the local time zone attached."""
    return datetime.now().astimezone()


class TaskManager:
    """Holds tasks by id and lists them through a pluggable sorting strategy.

    `filter()` lists tasks in the sorter's order (DateSorter, oldest first, unless
    another is given). `len(manager)` counts tasks, `manager[3]` is the task with id 3,
    `3 in manager` checks an id, and `for task in manager` yields tasks in the sorter's order.
    """

    def __init__(
        self,
        tasks: Iterable[Task] = (),
        sorter: Sorter | None = None,
        *,
        next_id: int = 1,
        clock: Callable[[], datetime] = local_now,
    ) -> None:
        """Keep `tasks` by id (ValueError "duplicate task id N" for a repeated id).

        Public attributes: `sorter` (DateSorter() when None is given) and `next_id` (the
        larger of `next_id` and the highest id plus one). `clock()` stamps new tasks.
        """
        self._tasks: dict[int, Task] = {}
        for task in tasks:
            if task.id in self._tasks:
                raise ValueError(f"duplicate task id {task.id}")
            self._tasks[task.id] = task
        self.sorter: Sorter = sorter if sorter is not None else DateSorter()
        # Ids are never reused, even after the newest task is deleted.
        self.next_id = max([next_id, *(t.id + 1 for t in self._tasks.values())])
        self._clock = clock

    def add(
        self,
        title: str,
        *,
        priority: Priority = Priority.MEDIUM,
        tags: Sequence[str] = (),
        due: date | None = None,
    ) -> Task:
        """Create a pending task with the next id, log `added task <id>: <title>`, return it.

        The title goes through normalize_title; tags, only when some are given, through
        normalize_tags. A refused title or tag adds nothing and uses up no id.
        """
        task = Task(
            id=self.next_id,
            title=normalize_title(title),
            created_at=self._clock(),
            priority=priority,
            tags=normalize_tags(tags) if tags else (),
            due=due,
        )
        self._tasks[task.id] = task
        self.next_id += 1
        logger.info("added task %d: %s", task.id, task.title)
        return task

    def get(self, task_id: int) -> Task:
        """The task with this id; raise TaskNotFoundError if there is none."""
        try:
            return self._tasks[task_id]
        except KeyError:
            raise TaskNotFoundError(task_id) from None

    def complete(self, task_id: int) -> Task:
        """Mark a task done (completing a done task changes nothing) and return it."""
        return self.edit(task_id, status=Status.DONE)

    def delete(self, task_id: int) -> Task:
        """Remove a task and return what was removed."""
        task = self.get(task_id)
        del self._tasks[task_id]
        logger.info("deleted task %d", task_id)
        return task

    def edit(
        self,
        task_id: int,
        *,
        title: str | None = None,
        status: Status | None = None,
        priority: Priority | None = None,
        tags: Iterable[str] | None = None,
        due: date | None = None,
        clear_due: bool = False,
    ) -> Task:
        """Change the given fields of a task (None leaves a field as it is) and return it.

        `clear_due=True` removes the due date. The task is replaced, never mutated.
        """
        task = self.get(task_id)
        changed = replace(
            task,
            title=normalize_title(title) if title is not None else task.title,
            status=status or task.status,
            priority=priority or task.priority,
            tags=normalize_tags(tags) if tags is not None else task.tags,
            due=None if clear_due else (due or task.due),
        )
        self._tasks[task_id] = changed
        logger.info("updated task %d", task_id)
        return changed

    def filter(
        self,
        *,
        status: Status | None = None,
        priority: Priority | None = None,
        tag: str | None = None,
    ) -> list[Task]:
        """Tasks matching every given criterion, in the sorter's order; no criterion: all.

        `tag` is matched ignoring case and surrounding spaces.
        """
        wanted_tag = tag.strip().lower() if tag else None
        return self.sorter.sort(
            task
            for task in self._tasks.values()
            if (status is None or task.status is status)
            and (priority is None or task.priority is priority)
            and (wanted_tag is None or wanted_tag in task.tags)
        )

    def search(self, text: str) -> list[Task]:
        """Tasks whose title or tags contain `text`, ignoring case, in the sorter's order."""
        needle = text.casefold()
        return self.sorter.sort(
            task
            for task in self._tasks.values()
            if needle in task.title.casefold() or any(needle in tag for tag in task.tags)
        )

    def __len__(self) -> int:
        """How many tasks there are."""
        return len(self._tasks)

    def __iter__(self) -> Iterator[Task]:
        """Every task, in the sorter's order."""
        return iter(self.sorter.sort(self._tasks.values()))

    def __getitem__(self, task_id: int) -> Task:
        """`manager[3]`: the task with id 3, or TaskNotFoundError."""
        return self.get(task_id)

    def __contains__(self, task_id: object) -> bool:
        """`3 in manager`: is there a task with id 3?"""
        return task_id in self._tasks

    def __repr__(self) -> str:
        """`TaskManager(2 tasks, sorter=DateSorter)`."""
        return f"TaskManager({len(self)} tasks, sorter={type(self.sorter).__name__})"
