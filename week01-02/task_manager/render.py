"""Terminal output: rich tables with colours for people, plain aligned text for pipes and files.

rich is imported only when a rich table is drawn, so scripted use (`list | grep`)
does not pay for it; and rich lays out about one row per millisecond, so long
lists are printed as plain text even on a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from models import Priority, Task
from stats import Stats

if TYPE_CHECKING:
    from rich.table import Table

RICH_ROW_LIMIT = 200
PRIORITY_STYLE = {Priority.HIGH: "bold red", Priority.MEDIUM: "yellow", Priority.LOW: "green"}
EMPTY_MESSAGE = 'No tasks found. Add one with: python main.py add "Buy milk"'


def _due_text(task: Task, today: date) -> str:
    """The due column: empty, `2026-03-09`, or `2026-03-09 (overdue)`."""
    if task.due is None:
        return ""
    return f"{task.due.isoformat()} (overdue)" if task.is_overdue(today) else task.due.isoformat()


def plain_task_table(tasks: Sequence[Task], today: date) -> str:
    """Aligned columns, title last so long titles never push other columns around.

    A header line `ID  STATUS  PRIORITY  DUE  TAGS  TITLE`, then one line per task;
    EMPTY_MESSAGE when there is no task.
    """
    if not tasks:
        return EMPTY_MESSAGE
    header = ("ID", "STATUS", "PRIORITY", "DUE", "TAGS", "TITLE")
    rows = [
        (
            str(t.id),
            t.status.value,
            t.priority.value,
            _due_text(t, today),
            ",".join(t.tags),
            t.title,
        )
        for t in tasks
    ]
    widths = [max(map(len, column)) for column in zip(header, *rows, strict=True)]
    # One format string for every row: much faster than padding cell by cell.
    template = "  ".join([f"{{:>{widths[0]}}}", *(f"{{:<{w}}}" for w in widths[1:-1]), "{}"])
    return "\n".join(template.format(*row) for row in [header, *rows])


def plain_stats(stats: Stats) -> str:
    """The stats dashboard as `label  value` lines."""
    open_work = ", ".join(f"{p.value} {n}" for p, n in stats.pending_by_priority.items())
    return "\n".join(
        [
            f"Total      {stats.total}",
            f"Completed  {stats.completed} ({stats.completed_percent:.1f}%)",
            f"Pending    {stats.pending} ({open_work})",
            f"Overdue    {stats.overdue}",
        ]
    )


def rich_task_table(tasks: Sequence[Task], today: date) -> Table:
    """A coloured table: priority by colour, overdue dates in red, done tasks dimmed."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"Tasks ({len(tasks)})", title_justify="left", header_style="bold")
    table.add_column("ID", justify="right", style="cyan")
    table.add_column("", width=1)
    table.add_column("Title", ratio=1)
    table.add_column("Priority")
    table.add_column("Due")
    table.add_column("Tags", style="magenta")
    for task in tasks:
        done_style = "dim strike" if task.is_done else ""
        table.add_row(
            str(task.id),
            Text("✓", style="green") if task.is_done else Text("·", style="dim"),
            Text(task.title, style=done_style),
            Text(task.priority.value, style=PRIORITY_STYLE[task.priority]),
            Text(_due_text(task, today), style="bold red" if task.is_overdue(today) else ""),
            " ".join(f"#{tag}" for tag in task.tags),
        )
    return table


def rich_stats_table(stats: Stats) -> Table:
    """The stats dashboard as a two-column rich table with a completion bar."""
    from rich.table import Table

    filled = round(stats.completed_percent / 5)
    bar = f"[green]{'█' * filled}[/][dim]{'░' * (20 - filled)}[/]"
    table = Table(title="Task statistics", title_justify="left", show_header=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_row("Total", str(stats.total))
    table.add_row("Completed", f"{stats.completed} ({stats.completed_percent:.1f}%) {bar}")
    table.add_row("Pending", str(stats.pending))
    overdue_style = "bold red" if stats.overdue else "green"
    table.add_row("Overdue", f"[{overdue_style}]{stats.overdue}[/]")
    for priority, count in stats.pending_by_priority.items():
        style = PRIORITY_STYLE[priority]
        table.add_row(f"Open {priority.value}", f"[{style}]{count}[/]")
    return table
