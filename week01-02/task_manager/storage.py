"""JSON persistence: atomic writes, a lock around read-modify-write, clear errors for bad files."""

from __future__ import annotations

import errno
import json
import logging
import os
import re
import reprlib
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, NoReturn

from errors import StorageError
from manager import TaskManager
from models import MAX_TASK_ID, Task
from sorters import Sorter

logger = logging.getLogger(f"task_manager.{__name__}")

FORMAT_NAME = "task-manager"
FORMAT_VERSION = 1
# 10,000 tasks take 2.6 MiB; a larger file is not a task list, and reading it whole would
# take memory and time before saying so.
MAX_FILE_BYTES = 64 * 2**20
_MAX_INT_DIGITS = 20  # every number this program writes has at most 16 digits


def write_atomic(path: Path, write: Callable[[IO[str]], None]) -> None:
    """Call `write(stream)` on a temporary file beside `path`, then swap it in with os.replace.

    Readers see the old file or the new one, never half of one: a crash or an error
    mid-write leaves only a stray temporary file, which is removed here. A symlink is
    written through (its target is replaced, the link stays). A read-only file, or one
    that is not a regular file (a folder, a pipe, a device), raises OSError untouched.
    """
    target = Path(os.path.realpath(path))
    mode = _replaceable_mode(target)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp_name, mode)  # mkstemp creates 0600
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(target.parent)


def _replaceable_mode(target: Path) -> int:
    """The mode for the new file (the old file's, 0o644 for a new one); OSError if it must stay.

    os.replace needs only a writable folder: it would swap away a read-only file or a named
    pipe, and as root even a device. So the file's own type and write bits are checked first
    (the bits count for root too, whom os.access always allows).
    """
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return 0o644
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, f"it is {_file_kind(info.st_mode)}, not a regular file")
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "it is read-only, so it was left untouched")
    return info.st_mode & 0o777


def _file_kind(mode: int) -> str:
    """What a non-regular file is, for messages: `a folder`, `a named pipe`, ..."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    return "a device or a socket"


def _fsync_directory(folder: Path) -> None:
    """Persist the rename itself (POSIX); a no-op where directories cannot be opened."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temporary_files(path: Path) -> None:
    """Remove the `.<name>.XXXXXXXX.tmp` files that write_atomic left beside `path` in a crash.

    Only that naming pattern, only regular files. Call it under file_lock(path): then no
    other writer of `path` has a temporary file in use.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}\.tmp")
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
            with suppress(OSError):  # best effort: the save itself has succeeded
                os.unlink(entry.path)
                logger.info("removed %s, left by an interrupted save", entry.path)


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `<path>.lock` so concurrent writers take turns.

    The lock lives on a separate file because os.replace swaps the data file's
    inode: a lock on tasks.json itself would be lost at every save.
    """
    if sys.platform == "win32":  # no fcntl: single-process use only
        yield
        return
    import fcntl

    lock_path = path.with_name(path.name + ".lock")
    # O_NONBLOCK: a named pipe planted as the lock file must not stop the program; fstat
    # then refuses anything that is not a regular file.
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK
    try:
        fd = os.open(lock_path, flags, 0o666)
    except OSError as error:
        raise StorageError(f"cannot open lock file {lock_path}: {error.strerror}") from None
    try:
        kind = os.fstat(fd).st_mode
        if not stat.S_ISREG(kind):
            raise StorageError(f"cannot use lock file {lock_path}: it is {_file_kind(kind)}")
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class _NotOurJson(ValueError):
    """JSON that Python reads but this program never writes: NaN, Infinity, huge numbers."""


def _parse_int(text: str) -> int:
    """int(text), refusing long digit strings (int() itself fails at 4,300, with a ValueError)."""
    if len(text) > _MAX_INT_DIGITS:
        raise _NotOurJson(f"it holds a number of {len(text)} digits")
    return int(text)


def _refuse_constant(name: str) -> NoReturn:
    """Refuse NaN, Infinity and -Infinity, which Python's json reads but JSON does not allow."""
    raise _NotOurJson(f"it holds {name}, which is not JSON")


class JsonStorage:
    """Tasks in one JSON file: `{"format", "version": 1, "next_id", "tasks": [...]}`."""

    def __init__(self, path: Path | str) -> None:
        """Remember the data file's path (`~` expanded); nothing is read yet."""
        self.path = Path(path).expanduser()

    def load(self, sorter: Sorter | None = None) -> TaskManager:
        """Read the file into a TaskManager (ordered by `sorter`); a missing file is an empty list.

        A damaged, foreign or hostile file (not UTF-8, nested too deeply, NaN, huge numbers,
        a value of the wrong type, a folder or a pipe, over MAX_FILE_BYTES) raises StorageError
        with one line naming the file, and is left untouched.
        """
        return self._load_from(self.path, sorter)

    def save(self, manager: TaskManager) -> None:
        """Write every task atomically (temporary file, fsync, os.replace).

        The file holds {"format": "task-manager", "version": 1, "next_id": N, "tasks": [...]},
        the tasks as `Task.to_dict()` in the manager's order; a failed write raises StorageError.
        """
        self._save_to(self.path, manager)

    @contextmanager
    def edit(self, sorter: Sorter | None = None) -> Iterator[TaskManager]:
        """Lock, load, yield the manager, and save it if the block finishes without error.

        A symlinked data file is followed once, so the lock, the read and the write all use
        its target (the link stays a link; two names for one file share one lock). A
        successful save also removes temporary files that a crash left beside the file.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot create {self.path.parent}: {error.strerror}") from None
        target = Path(os.path.realpath(self.path))
        with file_lock(target):
            manager = self._load_from(target, sorter)
            yield manager
            self._save_to(target, manager)
            remove_stale_temporary_files(target)

    def _load_from(self, path: Path, sorter: Sorter | None) -> TaskManager:
        """Read `path` (this storage's file, or its symlink's target) into a TaskManager."""
        document = self._read_document(path)
        if document is None:
            return TaskManager(sorter=sorter)
        tasks = self._parse_tasks(document)
        next_id = document.get("next_id", 1)
        if type(next_id) is not int or not 1 <= next_id <= MAX_TASK_ID + 1:
            shown = reprlib.repr(next_id)
            raise self._broken(
                f"next_id must be a whole number from 1 to {MAX_TASK_ID + 1}, got {shown}"
            )
        logger.debug("loaded %d tasks from %s", len(tasks), self.path)
        return TaskManager(tasks, sorter, next_id=next_id)

    def _save_to(self, path: Path, manager: TaskManager) -> None:
        """Write the manager's tasks to `path` atomically; StorageError naming this file."""
        tasks = manager.filter()
        document = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "next_id": manager.next_id,
            "tasks": [task.to_dict() for task in tasks],
        }

        def dump(stream: IO[str]) -> None:
            """Stream the document into the temporary file."""
            json.dump(document, stream, indent=2, ensure_ascii=False)
            stream.write("\n")

        try:
            write_atomic(path, dump)
        except OSError as error:
            raise StorageError(f"cannot write {self.path}: {error.strerror or error}") from None
        logger.debug("saved %d tasks to %s", len(tasks), self.path)

    def _read_bytes(self, path: Path) -> bytes | None:
        """The file's bytes, None for a missing file; StorageError for what is no task list."""
        try:
            # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat refuses it.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StorageError(f"cannot read {self.path}: {error.strerror or error}") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise self._foreign(f"it is {_file_kind(info.st_mode)}, not a regular file")
            if info.st_size > MAX_FILE_BYTES:
                raise self._foreign(f"it is larger than {MAX_FILE_BYTES // 2**20} MiB")
            with open(fd, "rb", closefd=False) as stream:
                data = stream.read(MAX_FILE_BYTES + 1)  # bounded: st_size can be 0 (procfs)
        except OSError as error:
            raise StorageError(f"cannot read {self.path}: {error.strerror or error}") from None
        finally:
            os.close(fd)
        if len(data) > MAX_FILE_BYTES:
            raise self._foreign(f"it is larger than {MAX_FILE_BYTES // 2**20} MiB")
        return data

    def _read_document(self, path: Path) -> dict[str, Any] | None:
        """The file's JSON object, None for a missing file; StorageError for anything else."""
        data = self._read_bytes(path)
        if data is None:
            return None
        try:
            text = data.decode("utf-8-sig")  # -sig: a byte order mark (Notepad) is skipped
        except UnicodeDecodeError:
            raise self._broken("it is not UTF-8 text") from None
        try:
            document = json.loads(text, parse_int=_parse_int, parse_constant=_refuse_constant)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            raise self._broken(f"it is not valid JSON ({where})") from None
        except _NotOurJson as error:
            raise self._broken(str(error)) from None
        except RecursionError:
            raise self._broken("it is nested too deeply") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
            raise self._foreign('expected an object with "format": "task-manager"')
        version = document.get("version")
        if type(version) is not int or version < 1:
            raise self._broken(f"version must be a whole number, got {reprlib.repr(version)}")
        if version > FORMAT_VERSION:
            raise StorageError(
                f"{self.path} has format version {version}, this program reads up to "
                f"{FORMAT_VERSION}: upgrade task manager; the file was left untouched"
            )
        return document

    def _parse_tasks(self, document: dict[str, Any]) -> list[Task]:
        """The tasks of a document; StorageError naming the first bad entry, or shared ids."""
        entries = document.get("tasks")
        if not isinstance(entries, list):
            raise self._foreign('"tasks" is not a list')
        tasks = []
        for position, entry in enumerate(entries, start=1):
            try:
                if not isinstance(entry, dict):
                    raise ValueError("not an object")
                tasks.append(Task.from_dict(entry))
            except ValueError as error:
                detail = str(error)  # may quote a hostile value: keep the line short
                detail = detail if len(detail) <= 200 else detail[:200] + "..."
                raise self._broken(f"task entry {position} is invalid: {detail}") from None
        if len({task.id for task in tasks}) != len(tasks):
            raise self._broken("two tasks share an id")
        return tasks

    def _broken(self, reason: str) -> StorageError:
        """The error for a damaged file: `<path> is damaged: <reason>. ... (mv <path> ...)`."""
        return StorageError(
            f"{self.path} is damaged: {reason}. It was left untouched: fix it, or move it "
            f"away (mv {self.path} {self.path}.bak) to start a new list"
        )

    def _foreign(self, reason: str) -> StorageError:
        """The error for another program's file: `<path> is not a task manager file (...)`."""
        return StorageError(
            f"{self.path} is not a task manager file ({reason}). It was left untouched: "
            f"use --file or TASKS_FILE to point at another file"
        )
