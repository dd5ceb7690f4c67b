"""Day 8: the Task dataclass and TaskManager's add / list / complete / delete."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from errors import InvalidInputError, TaskNotFoundError
from manager import TaskManager
from models import MAX_TASK_ID, Priority, Status, Task
from sorters import DateSorter

pytestmark = pytest.mark.day(8)


NOON = datetime(2026, 1, 5, 12, 0).astimezone()


def _ids(tasks: list[Task]) -> list[int]:
    return [task.id for task in tasks]


def test_new_task_is_pending_with_a_timezone_aware_creation_time() -> None:
    task = Task(id=1, title="Buy milk")
    assert task.status is Status.PENDING, f"Called Task(). Got {task.status}, expected pending"
    assert isinstance(task.created_at, datetime) and task.created_at.tzinfo is not None, (
        f"Called Task(). Got created_at={task.created_at!r}, expected an aware datetime"
    )
    got = (task.priority, task.tags, task.due)
    assert got == (Priority.MEDIUM, (), None), (
        f"Called Task(id=1, title='Buy milk'). Got (priority, tags, due) {got}, "
        "expected (Priority.MEDIUM, (), None)"
    )


def test_task_refuses_an_id_below_one_or_a_blank_title() -> None:
    with pytest.raises(ValueError):
        Task(id=0, title="x")
    with pytest.raises(ValueError):
        Task(id=1, title="   ")


def test_tasks_with_the_same_fields_are_equal_and_hash_alike() -> None:
    a, b = Task(id=1, title="a", created_at=NOON), Task(id=1, title="a", created_at=NOON)
    assert a == b and hash(a) == hash(b), f"Compared two identical tasks. Got a == b: {a == b}"
    assert len({a, b}) == 1, "Put two identical tasks in a set. Got two entries, expected one"
    assert a != replace(a, title="other") and a != replace(a, status=Status.DONE), (
        "Compared tasks with different title or status. Got equal, expected not equal"
    )
    not_a_task: object = "a"
    assert a != not_a_task, "Compared a task with a string. Got equal, expected not equal"


def test_task_is_frozen() -> None:
    task = Task(id=1, title="a")
    with pytest.raises(AttributeError):
        task.title = "changed"  # type: ignore[misc]


def test_repr_shows_the_class_and_every_field() -> None:
    text = repr(Task(id=3, title="Buy milk", created_at=NOON))
    assert text.startswith("Task(id=3, title='Buy milk', status=<Status.PENDING"), (
        f"Called repr(). Got {text}"
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


@pytest.mark.hint(
    "add() may call normalize_tags only when tags are given: normalize_tags is day 12's."
)
def test_add_gives_increasing_ids_starting_at_one(manager: TaskManager) -> None:
    ids = [manager.add(title).id for title in ("a", "b", "c")]
    assert ids == [1, 2, 3], f"Called add() three times. Got ids {ids}, expected [1, 2, 3]"


def test_add_strips_the_title_and_refuses_an_empty_one(manager: TaskManager) -> None:
    task = manager.add("  Buy   milk  ")
    assert task.title == "Buy milk", f"Called add('  Buy   milk  '). Got {task.title!r}"
    with pytest.raises(InvalidInputError, match="empty"):
        manager.add("   ")
    count = len(manager.filter())
    assert count == 1, f"Called add('   '). Got {count} tasks, expected 1"


def test_list_returns_every_task_oldest_first(manager: TaskManager) -> None:
    manager.add("first")
    manager.add("second")
    titles = [task.title for task in manager.filter()]
    assert titles == ["first", "second"], f"Called filter(). Got {titles}"


def test_complete_marks_the_task_done_and_keeps_the_others_pending(manager: TaskManager) -> None:
    manager.add("a")
    manager.add("b")
    manager.complete(2)
    statuses = {task.id: task.status for task in manager.filter()}
    assert statuses == {1: Status.PENDING, 2: Status.DONE}, f"Called complete(2). Got {statuses}"


def test_delete_removes_only_that_task(manager: TaskManager) -> None:
    manager.add("a")
    manager.add("b")
    removed = manager.delete(1)
    remaining = _ids(manager.filter())
    assert removed.title == "a" and remaining == [2], f"Called delete(1). Got {remaining}"


def test_unknown_id_raises_task_not_found_naming_the_id(manager: TaskManager) -> None:
    manager.add("a")
    for operation in (manager.complete, manager.delete, manager.get):
        with pytest.raises(TaskNotFoundError, match="no task with id 42") as caught:
            operation(42)
        assert caught.value.task_id == 42, f"Read error.task_id. Got {caught.value.task_id!r}"


def test_ids_are_not_reused_after_deleting_the_newest_task(manager: TaskManager) -> None:
    manager.add("a")
    manager.add("b")
    manager.delete(2)
    task = manager.add("c")
    assert task.id == 3, f"Called add() after delete(2). Got id {task.id}, expected 3"


def test_manager_refuses_two_tasks_with_the_same_id() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        TaskManager([Task(id=1, title="a"), Task(id=1, title="b")])


def test_filter_by_status_keeps_only_matching_tasks(manager: TaskManager) -> None:
    for title in ("a", "b", "c"):
        manager.add(title)
    manager.complete(2)
    pending, done = manager.filter(status=Status.PENDING), manager.filter(status=Status.DONE)
    assert (_ids(pending), _ids(done)) == ([1, 3], [2]), (
        f"Called filter(status=...). Got pending {_ids(pending)}, done {_ids(done)}"
    )


def test_date_sorter_lists_oldest_first_or_newest_first() -> None:
    tasks = [
        Task(id=3, title="c", created_at=NOON + timedelta(minutes=30)),
        Task(id=1, title="a", created_at=NOON),
        Task(id=2, title="b", created_at=NOON),  # same time as 1: the id breaks the tie
    ]
    oldest, newest = DateSorter().sort(tasks), DateSorter(newest_first=True).sort(tasks)
    assert _ids(oldest) == [1, 2, 3], f"Called DateSorter().sort(). Got {_ids(oldest)}"
    assert _ids(newest) == [3, 2, 1], (
        f"Called DateSorter(newest_first=True).sort(). Got {_ids(newest)}"
    )


def test_add_stamps_the_creation_time_from_the_clock() -> None:
    manager = TaskManager(clock=lambda: NOON)
    task = manager.add("a")
    assert task.created_at == NOON, (
        f"Called add() with clock=lambda: NOON. Got created_at {task.created_at}, expected {NOON}"
    )


def test_next_id_follows_the_highest_id_given_unless_next_id_is_larger() -> None:
    tasks = [Task(id=5, title="e", created_at=NOON), Task(id=2, title="b", created_at=NOON)]
    manager = TaskManager(tasks, clock=lambda: NOON)
    got = (manager.next_id, manager.add("f").id)
    assert got == (6, 6), f"Called TaskManager(ids 5 and 2). Got (next_id, add().id) {got}"
    larger = TaskManager(tasks, next_id=9).next_id
    assert larger == 9, f"Called TaskManager(tasks, next_id=9). Got next_id {larger}, expected 9"


def test_complete_and_edit_keep_the_due_date_and_every_other_field(manager: TaskManager) -> None:
    task = manager.add("Pay rent", priority=Priority.HIGH, due=date(2026, 2, 1))
    done = manager.complete(task.id)
    expected = replace(task, status=Status.DONE)
    assert done == expected and manager.get(task.id) == expected, (
        f"Called complete() on a task due 2026-02-01. Got {done!r}, expected {expected!r}"
    )
    renamed = manager.edit(task.id, title="Pay the rent")
    assert (renamed.due, renamed.priority) == (date(2026, 2, 1), Priority.HIGH), (
        f"Called edit(title=...). Got due {renamed.due}, priority {renamed.priority}"
    )


def test_the_largest_id_is_valid_and_the_next_is_refused() -> None:
    manager = TaskManager(next_id=MAX_TASK_ID, clock=lambda: NOON)
    last = manager.add("last")
    assert last.id == MAX_TASK_ID, f"Called add() with next_id=MAX_TASK_ID. Got id {last.id}"
    with pytest.raises(InvalidInputError):
        manager.add("one too many")
