"""Render the CLI's rich output for sample tasks and save it as docs/screenshot.svg.

Run: python scripts/screenshot.py  (writes docs/screenshot.svg; pass another path to change it)
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.console import Console

from manager import TaskManager
from models import Priority
from render import rich_stats_table, rich_task_table
from sorters import PrioritySorter
from stats import compute_stats

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.svg"
TODAY = date(2026, 3, 10)  # fixed, so the picture does not change from day to day


def sample_manager() -> TaskManager:
    """A realistic week of tasks: mixed priorities, tags, one overdue and two done."""
    times = iter(datetime(2026, 3, 2, 9, 0).astimezone() + timedelta(hours=n) for n in range(20))
    manager = TaskManager(sorter=PrioritySorter(), clock=lambda: next(times))
    manager.add(
        "Fix login redirect loop", priority=Priority.HIGH, tags=["bug"], due=date(2026, 3, 9)
    )
    manager.add("Review pull request #42", priority=Priority.HIGH, tags=["work"])
    manager.add("Write release notes for v1.0.0", tags=["docs"], due=date(2026, 3, 14))
    manager.add("Book dentist appointment", priority=Priority.LOW, tags=["home"])
    manager.add("Renew passport", priority=Priority.MEDIUM, tags=["home"], due=date(2026, 4, 1))
    manager.add("Set up CI pipeline", priority=Priority.HIGH, tags=["work"])
    manager.complete(2)
    manager.complete(6)
    return manager


def render(output: Path) -> None:
    """Draw `list --sort priority` and `stats` on a recording console and save the SVG."""
    manager = sample_manager()
    console = Console(record=True, width=88, force_terminal=True, color_system="truecolor")
    console.print("[bold]$[/] python main.py list --sort priority", style="dim")
    console.print(rich_task_table(list(manager), TODAY))
    console.print("[bold]$[/] python main.py stats", style="dim")
    console.print(rich_stats_table(compute_stats(manager, TODAY)))
    output.parent.mkdir(parents=True, exist_ok=True)
    console.save_svg(str(output), title="task manager 1.0.0")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    render(target)
    print(f"Saved {target}")
