"""The task manager's own errors; the CLI turns each into one line on stderr."""


class TaskManagerError(Exception):
    """Base class: something the user can fix, reported without a traceback."""


class InvalidInputError(TaskManagerError, ValueError):
    """A title, tag or date the user typed cannot be used."""


class TaskNotFoundError(TaskManagerError, LookupError):
    """No task has the given id."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"no task with id {task_id} (run `list` to see the ids)")
        self.task_id = task_id


class StorageError(TaskManagerError):
    """The data file cannot be read or written; the message names the file and a way out."""
