"""Day 10: Task's str() and ordering; TaskManager's len, [id], `in`, iteration and repr."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from errors import TaskNotFoundError
from manager import TaskManager
from models import Priority, Status, Task

pytestmark = pytest.mark.day(10)

NOON = datetime(2026, 1, 5, 12, 0).astimezone()


def _task(task_id: int, minutes: int = 0) -> Task:
    return Task(id=task_id, title=f"task {task_id}", created_at=NOON + timedelta(minutes=minutes))


def test_str_is_a_readable_checklist_line() -> None:
    task = Task(
        id=3, title="Buy milk", priority=Priority.HIGH, tags=("home",), due=date(2026, 2, 1)
    )
    done = replace(task, status=Status.DONE)
    assert str(task) == "[ ] #3 Buy milk [high] (due 2026-02-01) #home", f"Called str(). Got {task}"
    assert str(done).startswith("[x] #3"), f"Called str() on a done task. Got {done}"
    plain = Task(id=1, title="Buy milk")
    assert str(plain) == "[ ] #1 Buy milk [medium]", f"Called str() with no due or tag. Got {plain}"
    tagged = replace(task, tags=("home", "errand"))
    assert str(tagged).endswith("(due 2026-02-01) #home #errand"), (
        f"Called str() with two tags. Got {tagged}"
    )


def test_tasks_order_by_creation_time_then_id() -> None:
    early, late = _task(2, minutes=0), _task(1, minutes=5)
    assert early < late and late > early, "Compared tasks created 5 minutes apart. Got wrong order"
    assert early <= late and late >= early and early <= early, "Got <= / >= inconsistent with <"
    tie_a, tie_b = _task(1), _task(2)  # same creation time: the id breaks the tie
    assert tie_a < tie_b, "Compared tasks created at the same moment. Got id 2 before id 1"
    assert not tie_a < replace(tie_a), "Compared a task with an equal one. Got a < a, expected not"


def test_sorted_lists_tasks_oldest_first() -> None:
    tasks = [_task(3, minutes=30), _task(1, minutes=10), _task(2, minutes=20)]
    ids = [task.id for task in sorted(tasks)]
    assert ids == [1, 2, 3], f"Called sorted(tasks). Got ids {ids}, expected [1, 2, 3]"


@pytest.mark.hint(
    "Return NotImplemented (do not raise) when other is not a Task: Python then raises TypeError."
)
def test_comparing_a_task_with_something_else_raises_type_error() -> None:
    with pytest.raises(TypeError):
        _ = _task(1) < 5


def test_len_counts_tasks(manager: TaskManager) -> None:
    for title in ("a", "b", "c"):
        manager.add(title)
    manager.delete(2)
    assert len(manager) == 2, f"Called len() after 3 adds and 1 delete. Got {len(manager)}"


def test_indexing_by_id_returns_that_task(manager: TaskManager) -> None:
    manager.add("a")
    manager.add("b")
    assert manager[2].title == "b", f"Called manager[2]. Got {manager[2]!r}"
    assert 2 in manager and 5 not in manager, "Checked `2 in manager`. Got the wrong answer"
    with pytest.raises(TaskNotFoundError):
        manager[5]


def test_for_loop_visits_every_task_oldest_first(manager: TaskManager) -> None:
    for title in ("first", "second", "third"):
        manager.add(title)
    titles = [task.title for task in manager]
    assert titles == ["first", "second", "third"], f"Iterated the manager. Got {titles}"


def test_manager_repr_tells_size_and_sorter(manager: TaskManager) -> None:
    manager.add("a")
    assert repr(manager) == "TaskManager(1 tasks, sorter=DateSorter)", f"Got {manager!r}"
