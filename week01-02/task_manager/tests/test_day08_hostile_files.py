"""Day 8: hostile data files: each is refused in one line and left byte for byte as it was."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import HOSTILE_FILES, task_entry, task_file, within_seconds
from errors import InvalidInputError, StorageError
from manager import TaskManager
from models import MAX_TASK_ID
from storage import JsonStorage

pytestmark = pytest.mark.day(8)

needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX files")


def _refused(path: Path, content: bytes | None = None, seconds: int = 10) -> str:
    """Write `content` (if given), try an edit on `path`, return the one-line StorageError."""
    if content is not None:
        path.write_bytes(content)
    before = path.read_bytes() if path.is_file() and path.stat().st_size < 2**20 else None
    with (
        within_seconds(seconds),
        pytest.raises(StorageError) as caught,
        JsonStorage(path).edit() as manager,
    ):
        manager.add("would overwrite")
    message = str(caught.value)
    assert str(path) in message and "\n" not in message, (
        f"Called edit() on a hostile file. Got {message!r}, expected one line naming the file"
    )
    if before is not None:
        assert path.read_bytes() == before, "Called edit() on a hostile file. Got it changed"
    return message


@pytest.mark.parametrize("attack", HOSTILE_FILES)
def test_hostile_file_is_refused_in_one_line_and_left_untouched(
    tasks_file: Path, attack: str
) -> None:
    _refused(tasks_file, HOSTILE_FILES[attack])


WRONG_VALUES: dict[str, list[Any]] = {
    "id": [True, 1.5, "1", None, [], 0, -1],
    "title": [None, True, 7, [], {}, "", "   "],
    "status": [None, True, 1, "finished", ["done"]],
    "created_at": [None, 1, "yesterday", [], "2026-13-01T00:00:00"],
    "priority": [None, 1, "urgent", {}],
    "tags": [None, "home", [1], [None], {"home": 1}],
    "due": [1, True, "tomorrow", [], "2026-02-30"],
}


@pytest.mark.parametrize(
    ("field", "value"),
    [(field, value) for field, values in WRONG_VALUES.items() for value in values],
    ids=[f"{field}={value!r}" for field, values in WRONG_VALUES.items() for value in values],
)
def test_wrong_type_in_any_field_is_refused_in_one_line(
    tasks_file: Path, field: str, value: Any
) -> None:
    message = _refused(tasks_file, task_file(task_entry(**{field: value})))
    assert "task entry 1" in message, f"Stored {field}={value!r}. Got {message!r}"


TOP_LEVEL_WRONG_VALUES: dict[str, list[Any]] = {
    "version": ["1", 1.0, None, True, 0, []],
    "next_id": ["2", 2.5, None, True, 0, -1, [], MAX_TASK_ID + 2],
}


@pytest.mark.parametrize(
    ("field", "value"),
    [(field, value) for field, values in TOP_LEVEL_WRONG_VALUES.items() for value in values],
    ids=[f"{field}={v!r}" for field, values in TOP_LEVEL_WRONG_VALUES.items() for v in values],
)
def test_wrong_type_or_range_of_version_and_next_id_is_refused_in_one_line(
    tasks_file: Path, field: str, value: Any
) -> None:
    _refused(tasks_file, task_file(**{field: value}))


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset")
@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Etc/GMT-14"])
@pytest.mark.parametrize("created_at", ["0001-01-01T00:00:00", "9999-12-31T23:59:59"])
def test_creation_time_at_the_edge_of_the_calendar_is_refused_in_every_time_zone(
    tasks_file: Path, monkeypatch: pytest.MonkeyPatch, zone: str, created_at: str
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        _refused(tasks_file, task_file(task_entry(created_at=created_at)))
    finally:
        monkeypatch.undo()
        time.tzset()


@needs_posix
def test_named_pipe_as_data_file_is_refused_without_hanging(tasks_file: Path) -> None:
    os.mkfifo(tasks_file)
    _refused(tasks_file)  # within_seconds turns a blocking open() into a failure
    with within_seconds(10), pytest.raises(StorageError):
        JsonStorage(tasks_file).load()


@needs_posix
def test_named_pipe_as_lock_file_is_refused_without_hanging(tasks_file: Path) -> None:
    os.mkfifo(tasks_file.with_name("tasks.json.lock"))
    with within_seconds(10), pytest.raises(StorageError), JsonStorage(tasks_file).edit() as m:
        m.add("would wait forever")
    assert not tasks_file.exists(), "Edited with a pipe as lock file. Got a data file written"


def test_folder_as_data_file_is_refused_in_one_line(tasks_file: Path) -> None:
    tasks_file.mkdir()
    _refused(tasks_file)
    assert tasks_file.is_dir(), "Called edit() on a folder. Got it replaced"


def test_two_gigabyte_file_is_refused_without_reading_it(tasks_file: Path) -> None:
    with tasks_file.open("wb") as sparse:  # takes no disk space: the size is only recorded
        sparse.truncate(2 * 2**30)
    before = tasks_file.stat()
    _refused(tasks_file, seconds=5)  # reading it whole takes many seconds and gigabytes
    after = tasks_file.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns), (
        "Called edit() on a 2 GB file. Got it changed"
    )


def test_byte_order_mark_from_a_windows_editor_is_read(tasks_file: Path) -> None:
    tasks_file.write_bytes(b"\xef\xbb\xbf" + task_file(task_entry(), next_id=2))
    titles = [task.title for task in JsonStorage(tasks_file).load().filter()]
    assert titles == ["Buy milk"], f"Loaded a UTF-8 file with a BOM. Got {titles}"


@needs_posix
def test_symlinked_data_file_is_written_through_to_its_target_under_one_lock(
    tmp_path: Path,
) -> None:
    target = tmp_path / "real" / "tasks.json"
    target.parent.mkdir()
    link = tmp_path / "tasks.json"
    link.symlink_to(target)
    for path, title in ((link, "through the link"), (target, "directly")):
        with JsonStorage(path).edit() as manager:
            manager.add(title)
    assert link.is_symlink() and os.readlink(link) == str(target), (
        "Saved through a symlink. Got the link replaced by a regular file"
    )
    titles = [task.title for task in JsonStorage(target).load().filter()]
    assert titles == ["through the link", "directly"], f"Read the link's target. Got {titles}"
    locks = sorted(p.name for p in tmp_path.rglob("*.lock"))
    assert locks == ["tasks.json.lock"] and (target.parent / "tasks.json.lock").exists(), (
        f"Edited through the link and the target. Got lock files {locks}, expected one, "
        "beside the target"
    )


@pytest.mark.parametrize("mode", [0o444, 0o555], ids=oct)
def test_read_only_data_file_is_refused_and_left_untouched(tasks_file: Path, mode: int) -> None:
    with JsonStorage(tasks_file).edit() as manager:
        manager.add("keep me")
    os.chmod(tasks_file, mode)
    try:
        message = _refused(tasks_file)
        got = oct(tasks_file.stat().st_mode & 0o777)
        assert got == oct(mode), f"Edited a {oct(mode)} file. Got its mode changed to {got}"
        assert "read-only" in message, f"Edited a {oct(mode)} file. Got {message!r}"
    finally:
        os.chmod(tasks_file, 0o644)


def test_leftover_temporary_files_are_removed_by_the_next_save(tasks_file: Path) -> None:
    folder = tasks_file.parent
    leftovers = [".tasks.json.k3x_9a0q.tmp", ".tasks.json.abcdefgh.tmp"]
    others = [".tasks.json.ABCDEFGH.tmp", ".notes.json.abcdefgh.tmp", "tasks.json.tmp", "my.tmp"]
    for name in leftovers + others:
        (folder / name).write_text("half a file", encoding="utf-8")
    with JsonStorage(tasks_file).edit() as manager:
        manager.add("a")
    remaining = sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
    assert remaining == sorted(others), (
        f"Saved after a crash. Got {remaining}, expected only the other programs' {sorted(others)}"
    )


def test_ids_are_bounded_so_a_full_id_range_refuses_to_add(clock: Any) -> None:
    manager = TaskManager(next_id=MAX_TASK_ID + 1, clock=lambda: next(clock))
    with pytest.raises(InvalidInputError):
        manager.add("one too many")
    assert manager.filter() == [], f"Added past id {MAX_TASK_ID}. Got {manager.filter()}"


@pytest.mark.parametrize(
    "title", ["\x1b[2J", "a\x00b", "\ud800", "\udcff"], ids=["escape", "nul", "lone", "bytes"]
)
def test_control_characters_and_undecodable_text_are_refused_in_titles(
    manager: TaskManager, title: str
) -> None:
    with pytest.raises(InvalidInputError):
        manager.add(title)
    assert manager.filter() == [], f"Called add({title!r}). Got {manager.filter()}"


def test_a_twenty_digit_number_is_read_and_only_a_longer_one_refused(tasks_file: Path) -> None:
    message = _refused(tasks_file, task_file(task_entry(id=10**19)))  # 20 digits: too big an id
    assert "task entry 1" in message, f"Stored a 20-digit id. Got {message!r}"


def test_a_huge_bad_value_still_gives_a_short_line(tasks_file: Path) -> None:
    message = _refused(tasks_file, task_file(task_entry(created_at="x" * 5000)))
    assert "task entry 1" in message and len(message) < 1000, (
        f"Stored a 5,000-character created_at. Got a line of {len(message)} characters"
    )


def test_a_file_of_exactly_max_file_bytes_is_read(
    tasks_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 1000  # MAX_FILE_BYTES lowered, so the test writes 1 kB instead of 64 MiB
    monkeypatch.setattr("storage.MAX_FILE_BYTES", limit)
    document = task_file(task_entry())
    tasks_file.write_bytes(b" " * (limit - len(document)) + document)
    titles = [task.title for task in JsonStorage(tasks_file).load().filter()]
    assert titles == ["Buy milk"], f"Loaded a file of exactly MAX_FILE_BYTES. Got {titles}"
    tasks_file.write_bytes(b" " * (limit + 1 - len(document)) + document)
    with pytest.raises(StorageError):
        JsonStorage(tasks_file).load()


def test_a_file_that_cannot_be_read_gives_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder", encoding="utf-8")
    inside = not_a_folder / "tasks.json"
    with pytest.raises(StorageError) as caught:
        JsonStorage(inside).load()
    message = str(caught.value)
    assert str(inside) in message and "Not a directory" in message, (
        f"Loaded {inside}. Got {message!r}, expected the path and the OS message"
    )
    tasks_file = tmp_path / "tasks.json"
    tasks_file.write_bytes(task_file())

    def broken_disk(fd: int) -> os.stat_result:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as patch, pytest.raises(StorageError) as caught:
        patch.setattr("os.fstat", broken_disk)  # undone before pytest reads its own capture
        JsonStorage(tasks_file).load()
    message = str(caught.value)
    assert str(tasks_file) in message and "Input/output error" in message, (
        f"Loaded a file whose read fails. Got {message!r}, expected the path and the OS message"
    )


@needs_posix
def test_cleanup_leaves_symlinks_and_never_fails_the_save(
    tasks_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tasks_file.parent
    (folder / "mine.txt").write_text("keep", encoding="utf-8")
    link = folder / ".tasks.json.abcdefgh.tmp"
    link.symlink_to(folder / "mine.txt")
    with JsonStorage(tasks_file).edit() as manager:
        manager.add("a")
    assert link.is_symlink(), "Saved beside a symlink named like a leftover. Got it removed"
    (folder / ".tasks.json.zzzzzzzz.tmp").write_text("half a file", encoding="utf-8")

    def refuse(path: Any, *args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("os.unlink", refuse)
    with JsonStorage(tasks_file).edit() as manager:
        manager.add("b")
    titles = [task.title for task in JsonStorage(tasks_file).load().filter()]
    assert titles == ["a", "b"], f"Saved while a leftover could not be removed. Got {titles}"
