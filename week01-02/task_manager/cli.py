"""The command-line interface (click): add, list, complete, delete, edit, search, export, stats."""

from __future__ import annotations

import io
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path

import click

from cli_support import LOGGER_NAME, AppContext, DueDate, TaskCli, configure_logging
from errors import StorageError
from models import Priority, Status, Task
from render import plain_stats, plain_task_table
from sorters import SORTERS, sorter_named
from storage import JsonStorage, write_atomic

__version__ = "1.0.0"

PRIORITY = click.Choice([p.value for p in Priority], case_sensitive=False)
task_ids = click.argument("task_ids", metavar="ID...", nargs=-1, required=True, type=int)
json_flag = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


@click.group(cls=TaskCli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="task manager")
@click.option(
    "--file",
    "file_path",
    envvar="TASKS_FILE",
    default="tasks.json",
    show_default=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Data file (or set TASKS_FILE).",
)
@click.option("--no-color", is_flag=True, help="Plain output even on a terminal.")
@click.option("-v", "--verbose", is_flag=True, help="Log what happens to stderr.")
@click.pass_context
def cli(ctx: click.Context, file_path: Path, no_color: bool, verbose: bool) -> None:
    """A small, reliable task manager. Data lives in one JSON file."""
    configure_logging(verbose)
    color = not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()
    ctx.obj = AppContext(JsonStorage(file_path), color)
    logging.getLogger(LOGGER_NAME).debug("data file: %s", ctx.obj.storage.path)


@cli.command()
@click.argument("title", nargs=-1, required=True)
@click.option("-p", "--priority", type=PRIORITY, default="medium", show_default=True)
@click.option("-t", "--tag", "tags", multiple=True, help="A tag; repeat for several.")
@click.option("-d", "--due", type=DueDate(), help="Due date, YYYY-MM-DD.")
@click.pass_obj
def add(
    app: AppContext, title: tuple[str, ...], priority: str, tags: tuple[str, ...], due: date | None
) -> None:
    """Add a task: add "Write report" -p high -t work -d 2026-12-31."""
    with app.storage.edit() as manager:
        task = manager.add(" ".join(title), priority=Priority(priority), tags=tags, due=due)
    click.echo(f"Added task #{task.id}: {task.title}")


@cli.command(name="list")
@click.option(
    "-s",
    "--status",
    type=click.Choice(["all", *Status], case_sensitive=False),
    default="all",
    show_default=True,
)
@click.option("-p", "--priority", type=PRIORITY, help="Only this priority.")
@click.option("-t", "--tag", help="Only tasks with this tag.")
@click.option(
    "--sort", "sort_by", type=click.Choice(list(SORTERS)), default="date", show_default=True
)
@click.option("-r", "--reverse", is_flag=True, help="Reverse the order.")
@json_flag
@click.pass_obj
def list_tasks(
    app: AppContext,
    status: str,
    priority: str | None,
    tag: str | None,
    sort_by: str,
    reverse: bool,
    as_json: bool,
) -> None:
    """List tasks, filtered by status, priority or tag, sorted by date, priority, due or title."""
    manager = app.storage.load(sorter_named(sort_by))
    tasks = manager.filter(
        status=None if status == "all" else Status(status),
        priority=Priority(priority) if priority else None,
        tag=tag,
    )
    _print_tasks(app, tasks[::-1] if reverse else tasks, as_json)


@cli.command()
@task_ids
@click.pass_obj
def complete(app: AppContext, task_ids: tuple[int, ...]) -> None:
    """Mark tasks done: complete 1 3. Nothing changes if any id is unknown."""
    with app.storage.edit() as manager:
        done = [manager.complete(task_id) for task_id in task_ids]
    for task in done:
        click.echo(f"Completed task #{task.id}: {task.title}")


@cli.command()
@task_ids
@click.pass_obj
def delete(app: AppContext, task_ids: tuple[int, ...]) -> None:
    """Delete tasks: delete 2. Nothing changes if any id is unknown."""
    with app.storage.edit() as manager:
        removed = [manager.delete(task_id) for task_id in task_ids]
    for task in removed:
        click.echo(f"Deleted task #{task.id}: {task.title}")


@cli.command()
@click.argument("task_id", metavar="ID", type=int)
@click.option("--title", help="New title.")
@click.option("-s", "--status", type=click.Choice(list(Status), case_sensitive=False))
@click.option("-p", "--priority", type=PRIORITY)
@click.option("-t", "--tag", "tags", multiple=True, help="Replace the tags; repeat for several.")
@click.option("--no-tags", is_flag=True, help="Remove every tag.")
@click.option("-d", "--due", type=DueDate(), help="New due date, YYYY-MM-DD.")
@click.option("--no-due", is_flag=True, help="Remove the due date.")
@click.pass_obj
def edit(
    app: AppContext,
    task_id: int,
    title: str | None,
    status: str | None,
    priority: str | None,
    tags: tuple[str, ...],
    no_tags: bool,
    due: date | None,
    no_due: bool,
) -> None:
    """Change a task: edit 3 --title "New title" -p low --due 2026-12-31."""
    if (
        title is None
        and status is None
        and priority is None
        and not (tags or no_tags or due or no_due)
    ):
        raise click.UsageError(
            "nothing to change: give --title, --status, --priority, --tag, --due ..."
        )
    for given, clear, names in (
        (due, no_due, "--due and --no-due"),
        (tags, no_tags, "--tag and --no-tags"),
    ):
        if given and clear:
            raise click.UsageError(f"{names} cannot be used together")
    with app.storage.edit() as manager:
        task = manager.edit(
            task_id,
            title=title,
            status=Status(status) if status else None,
            priority=Priority(priority) if priority else None,
            tags=() if no_tags else (tags or None),
            due=due,
            clear_due=no_due,
        )
    click.echo(f"Updated task #{task.id}: {task}")


@cli.command()
@click.argument("text")
@json_flag
@click.pass_obj
def search(app: AppContext, text: str, as_json: bool) -> None:
    """Find tasks whose title or tags contain TEXT (case-insensitive)."""
    _print_tasks(app, app.storage.load().search(text), as_json)


@cli.command()
@click.argument(
    "destination", default="-", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path)
)
@click.pass_obj
def export(app: AppContext, destination: Path) -> None:
    """Export every task to CSV: export tasks.csv (or "-" for stdout)."""
    from export import export_to_csv

    tasks = list(app.storage.load())
    if str(destination) == "-":
        buffer = io.StringIO()
        export_to_csv(tasks, buffer)
        click.echo(buffer.getvalue(), nl=False)
        return
    try:
        write_atomic(destination, lambda stream: _ignore(export_to_csv(tasks, stream)))
    except OSError as error:  # TaskCli turns the StorageError into one line
        raise StorageError(f"cannot write {destination}: {error.strerror or error}") from None
    click.echo(f"Exported {len(tasks)} tasks to {destination}", err=True)


@cli.command()
@json_flag
@click.pass_obj
def stats(app: AppContext, as_json: bool) -> None:
    """Show totals, completed percentage and overdue tasks."""
    from stats import compute_stats

    summary = compute_stats(app.storage.load(), date.today())
    if as_json:
        click.echo(json.dumps(summary.to_dict(), indent=2))
    elif app.use_rich():
        from rich.console import Console

        from render import rich_stats_table

        Console().print(rich_stats_table(summary))
    else:
        click.echo(plain_stats(summary))


def _ignore(_: object) -> None:
    """Drop a return value (write_atomic's writer returns nothing)."""


def _print_json(tasks: list[Task]) -> None:
    """Print tasks as one JSON array of `Task.to_dict()` objects, for scripts (`--json`)."""
    # Compact on purpose: json.dumps with indent falls back to the slow pure-Python encoder.
    click.echo(json.dumps([task.to_dict() for task in tasks], ensure_ascii=False))


def _print_tasks(app: AppContext, tasks: list[Task], as_json: bool) -> None:
    """Print tasks as JSON, a rich table (colour terminal, short list), or plain aligned text."""
    if as_json:
        _print_json(tasks)
    elif tasks and app.use_rich(len(tasks)):
        from rich.console import Console

        from render import rich_task_table

        Console().print(rich_task_table(tasks, date.today()))
    else:
        click.echo(plain_task_table(tasks, date.today()))
