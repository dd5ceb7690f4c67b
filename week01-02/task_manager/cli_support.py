"""Click plumbing for the CLI: one-line errors, a date parameter, logging, the shared context."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import date
from typing import Any

import click

from errors import TaskManagerError
from models import UNSAFE_TEXT, parse_due
from render import RICH_ROW_LIMIT
from storage import JsonStorage

LOGGER_NAME = "task_manager"


class OneLineError(click.ClickException):
    """A usage error shown as a single `Error: ...` line instead of click's usage block."""

    exit_code = 2


class TaskCli(click.Group):
    """A click group that turns every user error into one line on stderr and a non-zero exit."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse the group's own options, reporting mistakes in one line."""
        if parent is None:
            _refuse_undecodable(args)
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            raise _one_line(error) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; its usage mistakes and TaskManagerErrors become one line."""
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            raise _one_line(error) from None
        except TaskManagerError as error:
            raise click.ClickException(printable(str(error))) from None


def _one_line(error: click.UsageError) -> OneLineError:
    """click's usage error as one line, pointing at `--help` of the command that failed."""
    help_hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
    return OneLineError(printable(error.format_message() + help_hint))


def _refuse_undecodable(args: list[str]) -> None:
    """Refuse an argument that is not UTF-8 (Python keeps its bytes as lone surrogates)."""
    for position, arg in enumerate(args, start=1):
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            raise OneLineError(f"argument {position} ({printable(arg)}) is not valid UTF-8 text")


def printable(text: str) -> str:
    """`text` on one line: control characters and lone surrogates shown as escapes (`\\n`)."""
    return UNSAFE_TEXT.sub(lambda found: ascii(found.group())[1:-1], text)


@dataclass
class AppContext:
    """What every command needs: where the data lives and how to print."""

    storage: JsonStorage
    color: bool

    def use_rich(self, rows: int = 0) -> bool:
        """Rich output only for a colour terminal and a list short enough to lay out quickly."""
        return self.color and rows <= RICH_ROW_LIMIT


def configure_logging(verbose: bool) -> None:
    """Log to stderr: warnings by default, everything with --verbose."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):  # repeated in-process runs (tests) add no duplicates
        logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING)


class DueDate(click.ParamType[date]):
    """A click parameter that reads YYYY-MM-DD into a date."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        """Parse the date or fail with an example of the expected form."""
        if isinstance(value, date):
            return value
        try:
            return parse_due(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)
