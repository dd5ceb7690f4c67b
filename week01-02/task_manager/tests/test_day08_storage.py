"""Day 8: JSON persistence: data survives a restart, writes are atomic, bad files are refused."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from errors import StorageError
from manager import TaskManager
from models import MAX_TASK_ID, Priority
from sorters import DateSorter
from storage import JsonStorage

pytestmark = pytest.mark.day(8)


def _saved_file(path: Path, *titles: str) -> bytes:
    with JsonStorage(path).edit() as manager:
        for title in titles:
            manager.add(title)
    return path.read_bytes()


def test_missing_file_loads_as_an_empty_list(tasks_file: Path) -> None:
    sorter = DateSorter(newest_first=True)
    manager = JsonStorage(tasks_file).load(sorter)
    tasks = manager.filter()
    assert tasks == [], f"Called load() on a missing file. Got {tasks}, expected no task"
    assert manager.sorter is sorter, f"Called load(sorter). Got sorter {manager.sorter!r}"
    assert not tasks_file.exists(), "Called load(). Got a new file, expected reading to create none"


def test_tasks_survive_a_restart(tasks_file: Path) -> None:
    with JsonStorage(tasks_file).edit() as manager:
        manager.add("Buy milk")
        manager.add("Walk dog")
        manager.complete(2)
        before = manager.filter()
    after = JsonStorage(tasks_file).load().filter()  # a new object: as a new process sees it
    assert after == before, f"Called load() after save. Got {after}, expected {before}"


def test_save_writes_the_manager_that_load_reads_back(
    tasks_file: Path, manager: TaskManager
) -> None:
    manager.add("a")
    manager.delete(manager.add("b").id)
    JsonStorage(tasks_file).save(manager)
    loaded = JsonStorage(tasks_file).load()
    got = (loaded.filter(), loaded.next_id)
    assert got == (manager.filter(), 3), f"Called save(), then load(). Got {got}"


def test_file_is_readable_json_with_format_version_and_next_id(tasks_file: Path) -> None:
    _saved_file(tasks_file, "a", "b")
    document = json.loads(tasks_file.read_text(encoding="utf-8"))
    got = (document["format"], document["version"], document["next_id"], len(document["tasks"]))
    assert got == ("task-manager", 1, 3, 2), f"Read tasks.json. Got {got}"
    keys = set(document["tasks"][0])
    expected = {"id", "title", "status", "created_at", "priority", "tags", "due"}
    assert keys == expected, f"Read a task in tasks.json. Got keys {sorted(keys)}"


def test_file_is_indented_utf8_json_ending_in_a_newline(tasks_file: Path) -> None:
    text = _saved_file(tasks_file, "Café").decode("utf-8")
    again = json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert text == again and '"title": "Café"' in text, (
        f"Read tasks.json. Got {text!r}, expected json.dump(..., indent=2, ensure_ascii=False) "
        "and a final newline"
    )


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", None, "task entry 1 is invalid: missing field 'title'"),
        ("status", "finished", "task entry 1 is invalid: unknown status 'finished'"),
        ("priority", "urgent", "task entry 1 is invalid: unknown priority 'urgent'"),
    ],
)
def test_a_refused_entry_is_named_with_its_field(
    tasks_file: Path, field: str, value: str | None, expected: str
) -> None:
    entry = {"id": 1, "title": "a", "status": "pending", "created_at": "2026-01-05T09:00:00+00:00"}
    entry = {key: v for key, v in {**entry, field: value}.items() if v is not None}
    document = {"format": "task-manager", "version": 1, "tasks": [entry]}
    tasks_file.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        JsonStorage(tasks_file).load()
    assert expected in str(caught.value), f"Stored {field}={value!r}. Got {str(caught.value)!r}"


def test_edit_block_that_raises_saves_nothing(tasks_file: Path) -> None:
    original = _saved_file(tasks_file, "a")
    with pytest.raises(RuntimeError), JsonStorage(tasks_file).edit() as manager:
        manager.add("half-done")
        raise RuntimeError("boom")
    assert tasks_file.read_bytes() == original, "Raised inside edit(). Got a changed file"


@pytest.mark.hint(
    "Write with json.dump into a temporary file beside tasks.json, then os.replace it;"
    " on OSError remove the temporary file and raise StorageError."
)
def test_crash_midway_through_writing_leaves_the_old_file_intact(
    tasks_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = _saved_file(tasks_file, "a", "b")

    def dump_half_then_fail(document: Any, stream: Any, **kwargs: Any) -> None:
        text = json.dumps(document)
        stream.write(text[: len(text) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("json.dump", dump_half_then_fail)
    with pytest.raises(StorageError, match="No space left"), JsonStorage(tasks_file).edit() as m:
        m.add("c")
    assert tasks_file.read_bytes() == original, "Crashed mid-write. Got a changed tasks.json"
    leftovers = sorted(p.name for p in tasks_file.parent.iterdir() if p.suffix == ".tmp")
    assert leftovers == [], f"Crashed mid-write. Got temporary files {leftovers}, expected none"


def test_failing_replace_leaves_the_old_file_intact(
    tasks_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = _saved_file(tasks_file, "a")

    def refuse(src: str, dst: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.replace", refuse)
    with pytest.raises(StorageError, match="Permission denied"):
        _saved_file(tasks_file, "b")
    assert tasks_file.read_bytes() == original, "os.replace failed. Got a changed tasks.json"


def test_saving_keeps_the_file_permissions(tasks_file: Path) -> None:
    _saved_file(tasks_file, "a")
    new = oct(tasks_file.stat().st_mode & 0o777)
    assert new == "0o644", f"Saved a new file. Got mode {new}, expected 0o644"
    os.chmod(tasks_file, 0o640)
    _saved_file(tasks_file, "b")
    mode = oct(tasks_file.stat().st_mode & 0o777)
    assert mode == "0o640", f"Saved over a 0640 file. Got mode {mode}, expected 0o640"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"format": "task-manager", "tasks": [', "not valid JSON"),
        ("[1, 2, 3]", "not a task manager file"),
        ('{"name": "my shopping list"}', "not a task manager file"),
        ('{"format": "task-manager", "version": 1, "tasks": [{"id": 1}]}', "task entry 1"),
        ('{"format": "task-manager", "version": 9, "tasks": []}', "upgrade"),
    ],
    ids=["truncated", "foreign-list", "foreign-object", "bad-entry", "newer-version"],
)
def test_bad_file_gives_a_clear_error_naming_it_and_is_left_untouched(
    tasks_file: Path, content: str, expected: str
) -> None:
    tasks_file.write_text(content, encoding="utf-8")
    with pytest.raises(StorageError) as caught, JsonStorage(tasks_file).edit() as manager:
        manager.add("would overwrite")
    message = str(caught.value)
    assert expected in message and str(tasks_file) in message, (
        f"Called edit() on a bad file. Got {message!r}, expected the file name and {expected!r}"
    )
    assert "\n" not in message, f"Called edit() on a bad file. Got a multi-line message {message!r}"
    assert tasks_file.read_text(encoding="utf-8") == content, (
        "Got a changed file, expected untouched"
    )


def test_the_temporary_file_is_written_beside_the_data_file(
    tasks_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real_dump = json.dump

    def look_then_dump(document: Any, stream: Any, **kwargs: Any) -> None:
        seen.extend(p.name for p in tasks_file.parent.iterdir() if p.name != "tasks.json.lock")
        real_dump(document, stream, **kwargs)

    monkeypatch.setattr("json.dump", look_then_dump)
    _saved_file(tasks_file, "a")
    assert len(seen) == 1 and re.fullmatch(r"\.tasks\.json\.[a-z0-9_]{8}\.tmp", seen[0]), (
        f"Looked beside tasks.json while saving. Got {seen}, expected one .tasks.json.XXXXXXXX.tmp"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="folders cannot be opened on Windows")
def test_save_fsyncs_the_file_and_then_its_folder(
    tasks_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def record(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr("os.fsync", record)
    _saved_file(tasks_file, "a")
    assert synced == ["file", "folder"], f"Saved once. Got fsync calls on {synced}"


def test_ids_are_not_reused_after_a_restart(tasks_file: Path) -> None:
    _saved_file(tasks_file, "a", "b")
    with JsonStorage(tasks_file).edit() as manager:
        manager.delete(2)
    with JsonStorage(tasks_file).edit() as manager:
        task = manager.add("c")
    assert task.id == 3, f"Deleted task 2, reloaded, added. Got id {task.id}, expected 3"


def test_hand_written_file_without_optional_fields_loads_with_their_defaults(
    tasks_file: Path,
) -> None:
    entry = {"id": 4, "title": "Water plants", "status": "pending"}
    entry["created_at"] = "2026-01-05T09:00:00"  # no time zone: local time
    document = {"format": "task-manager", "version": 1, "tasks": [entry]}
    tasks_file.write_text(json.dumps(document), encoding="utf-8")
    manager = JsonStorage(tasks_file).load()
    task = manager.get(4)
    got = (task.priority, task.tags, task.due, task.created_at.tzinfo is not None, manager.next_id)
    assert got == (Priority.MEDIUM, (), None, True, 5), (
        f"Loaded an entry without priority, tags, due, time zone or next_id. Got {got}, "
        "expected (Priority.MEDIUM, (), None, True, 5)"
    )
    tasks_file.write_text(json.dumps({**document, "tasks": []}), encoding="utf-8")
    empty = JsonStorage(tasks_file).load().next_id
    assert empty == 1, f"Loaded no task and no next_id. Got next_id {empty}, expected 1"


@pytest.mark.parametrize("next_id", [1, MAX_TASK_ID + 1], ids=["one", "MAX_TASK_ID+1"])
def test_next_id_at_either_end_of_its_range_is_read(tasks_file: Path, next_id: int) -> None:
    document = {"format": "task-manager", "version": 1, "next_id": next_id, "tasks": []}
    tasks_file.write_text(json.dumps(document), encoding="utf-8")
    got = JsonStorage(tasks_file).load().next_id
    assert got == next_id, f"Loaded next_id {next_id}. Got {got}"


def test_invalid_json_is_reported_with_its_line_and_column(tasks_file: Path) -> None:
    tasks_file.write_text('{\n  "format": "task-manager",\n    oops\n}\n', encoding="utf-8")
    with pytest.raises(StorageError) as caught:
        JsonStorage(tasks_file).load()
    assert "not valid JSON (line 3, column 5)" in str(caught.value), (
        f"Loaded a file with a stray word at line 3, column 5. Got {str(caught.value)!r}"
    )
