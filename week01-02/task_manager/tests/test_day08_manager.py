"""Day 8: the Task dataclass and TaskManager's add / list / complete / delete."""

from __future__ import annotations

from datetime import datetime

import pytest

from errors import InvalidInputError, TaskNotFoundError
from manager import TaskManager
from models import Status, Task

pytestmark = pytest.mark.day(8)


def test_new_task_is_pending_with_a_timezone_aware_creation_time() -> None:
    task = Task(id=1, title="Buy milk")
    assert task.status is Status.PENDING, f"Called Task(). Got {task.status}, expected pending"
    assert isinstance(task.created_at, datetime) and task.created_at.tzinfo is not None, (
        f"Called Task(). Got created_at={task.created_at!r}, expected an aware datetime"
    )


def test_task_round_trips_through_its_json_dict() -> None:
    task = Task(id=7, title="Write report", status=Status.DONE)
    again = Task.from_dict(task.to_dict())
    assert again == task, f"Called Task.from_dict(task.to_dict()). Got {again!r}, expected {task!r}"


def test_from_dict_names_a_missing_field() -> None:
    data = Task(id=1, title="x").to_dict()
    del data["title"]
    with pytest.raises(ValueError, match="title"):
        Task.from_dict(data)


def test_add_gives_increasing_ids_starting_at_one(manager: TaskManager) -> None:
    ids = [manager.add(title).id for title in ("a", "b", "c")]
    assert ids == [1, 2, 3], f"Called add() three times. Got ids {ids}, expected [1, 2, 3]"


def test_add_strips_the_title_and_refuses_an_empty_one(manager: TaskManager) -> None:
    task = manager.add("  Buy   milk  ")
    assert task.title == "Buy milk", f"Called add('  Buy   milk  '). Got {task.title!r}"
    with pytest.raises(InvalidInputError, match="empty"):
        manager.add("   ")
    assert len(manager) == 1, f"Called add('   '). Got {len(manager)} tasks, expected 1"


def test_list_returns_every_task_oldest_first(manager: TaskManager) -> None:
    manager.add("first")
    manager.add("second")
    titles = [task.title for task in manager.filter()]
    assert titles == ["first", "second"], f"Called filter(). Got {titles}"


def test_complete_marks_the_task_done_and_keeps_the_others_pending(manager: TaskManager) -> None:
    manager.add("a")
    manager.add("b")
    manager.complete(2)
    statuses = {task.id: task.status for task in manager}
    assert statuses == {1: Status.PENDING, 2: Status.DONE}, f"Called complete(2). Got {statuses}"


def test_delete_removes_only_that_task(manager: TaskManager) -> None:
    manager.add("a")
    manager.add("b")
    removed = manager.delete(1)
    remaining = [task.id for task in manager]
    assert removed.title == "a" and remaining == [2], f"Called delete(1). Got {remaining}"


def test_unknown_id_raises_task_not_found_naming_the_id(manager: TaskManager) -> None:
    manager.add("a")
    for operation in (manager.complete, manager.delete, manager.get):
        with pytest.raises(TaskNotFoundError, match="no task with id 42"):
            operation(42)


def test_ids_are_not_reused_after_deleting_the_newest_task(manager: TaskManager) -> None:
    manager.add("a")
    manager.add("b")
    manager.delete(2)
    task = manager.add("c")
    assert task.id == 3, f"Called add() after delete(2). Got id {task.id}, expected 3"


def test_manager_refuses_two_tasks_with_the_same_id() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        TaskManager([Task(id=1, title="a"), Task(id=1, title="b")])
