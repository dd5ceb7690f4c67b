"""Day 8: JSON persistence: data survives a restart, writes are atomic, bad files are refused."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from errors import StorageError
from storage import JsonStorage

pytestmark = pytest.mark.day(8)


def _saved_file(path: Path, *titles: str) -> bytes:
    with JsonStorage(path).edit() as manager:
        for title in titles:
            manager.add(title)
    return path.read_bytes()


def test_missing_file_loads_as_an_empty_list(tasks_file: Path) -> None:
    tasks = JsonStorage(tasks_file).load().filter()
    assert tasks == [], f"Called load() on a missing file. Got {tasks}, expected no task"
    assert not tasks_file.exists(), "Called load(). Got a new file, expected reading to create none"


def test_tasks_survive_a_restart(tasks_file: Path) -> None:
    with JsonStorage(tasks_file).edit() as manager:
        manager.add("Buy milk")
        manager.add("Walk dog")
        manager.complete(2)
        before = manager.filter()
    after = JsonStorage(tasks_file).load().filter()  # a new object: as a new process sees it
    assert after == before, f"Called load() after save. Got {after}, expected {before}"


def test_file_is_readable_json_with_format_version_and_next_id(tasks_file: Path) -> None:
    _saved_file(tasks_file, "a", "b")
    document = json.loads(tasks_file.read_text(encoding="utf-8"))
    got = (document["format"], document["version"], document["next_id"], len(document["tasks"]))
    assert got == ("task-manager", 1, 3, 2), f"Read tasks.json. Got {got}"
    keys = set(document["tasks"][0])
    expected = {"id", "title", "status", "created_at", "priority", "tags", "due"}
    assert keys == expected, f"Read a task in tasks.json. Got keys {sorted(keys)}"


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
