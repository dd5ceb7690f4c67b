"""Errors and exit codes shared by the harness, kept free of heavy imports (SQLAlchemy),
so commands that never touch the database start fast."""


class DatabaseUnavailable(RuntimeError):
    """The configured PostgreSQL server cannot be reached; the message says how to fix it."""


UNAVAILABLE_EXIT_CODE = 75
"""Exit status of a pytest run stopped because PostgreSQL is unreachable (EX_TEMPFAIL)."""


class ServeError(ValueError):
    """A reason not to start ``make run``, in one line."""
