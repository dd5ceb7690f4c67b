"""JSON persistence: atomic writes, a lock around read-modify-write, clear errors for bad files."""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from errors import StorageError
from manager import TaskManager
from models import Task
from sorters import Sorter

logger = logging.getLogger(f"task_manager.{__name__}")

FORMAT_NAME = "task-manager"
FORMAT_VERSION = 1


def write_atomic(path: Path, write: Callable[[IO[str]], None]) -> None:
    """Call `write(stream)` on a temporary file beside `path`, then swap it in with os.replace.

    Readers see the old file or the new one, never half of one: a crash or an
    error mid-write leaves only a stray temporary file, which is removed here.
    """
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates 0600; keep the mode the user had (or a normal 0644 for a new file).
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    """Persist the rename itself (POSIX); a no-op where directories cannot be opened."""
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
    try:
        lock_file = open(lock_path, "a", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as error:
        raise StorageError(f"cannot open lock file {lock_path}: {error.strerror}") from None
    with lock_file:
        fcntl.flock(lock_file.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file.fileno(), fcntl.LOCK_UN)


class JsonStorage:
    """Tasks in one JSON file: `{"format", "version": 1, "next_id", "tasks": [...]}`."""

    def __init__(self, path: Path | str) -> None:
        """Remember the data file's path (`~` expanded); nothing is read yet."""
        self.path = Path(path).expanduser()

    def load(self, sorter: Sorter | None = None) -> TaskManager:
        """Read the file into a TaskManager (ordered by `sorter`); a missing file is an empty list.

        A damaged or foreign file raises StorageError with one line naming the file.
        """
        document = self._read_document()
        if document is None:
            return TaskManager(sorter=sorter)
        tasks = self._parse_tasks(document)
        next_id = document.get("next_id", 1)
        if not isinstance(next_id, int):
            raise self._foreign("next_id is not a number")
        logger.debug("loaded %d tasks from %s", len(tasks), self.path)
        return TaskManager(tasks, sorter, next_id=next_id)

    def save(self, manager: TaskManager) -> None:
        """Write every task atomically (temporary file, fsync, os.replace).

        The file holds {"format": "task-manager", "version": 1, "next_id": N, "tasks": [...]},
        the tasks as `Task.to_dict()` in the manager's order; a failed write raises StorageError.
        """
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
            write_atomic(self.path, dump)
        except OSError as error:
            raise StorageError(f"cannot write {self.path}: {error.strerror or error}") from None
        logger.debug("saved %d tasks to %s", len(tasks), self.path)

    @contextmanager
    def edit(self, sorter: Sorter | None = None) -> Iterator[TaskManager]:
        """Lock, load, yield the manager, and save it if the block finishes without error."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"cannot create {self.path.parent}: {error.strerror}") from None
        with file_lock(self.path):
            manager = self.load(sorter)
            yield manager
            self.save(manager)

    def _read_document(self) -> dict[str, Any] | None:
        """The file's JSON object, None for a missing file; StorageError for anything else."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError:
            raise self._broken("it is not UTF-8 text") from None
        except OSError as error:
            raise StorageError(f"cannot read {self.path}: {error.strerror or error}") from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            raise self._broken(f"it is not valid JSON ({where})") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
            raise self._foreign('expected an object with "format": "task-manager"')
        version = document.get("version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise StorageError(
                f"{self.path} has format version {version!r}, this program reads up to "
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
                raise self._broken(f"task entry {position} is invalid: {error}") from None
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
