"""Day 9: the click CLI: commands, --file / TASKS_FILE, filtering, sorting, logging, bad input."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from cli_support import LOGGER_NAME, AppContext, configure_logging
from conftest import RunCli
from render import RICH_ROW_LIMIT
from sorters import sorter_named
from storage import JsonStorage

pytestmark = pytest.mark.day(9)


def _titles(tasks_file: Path) -> list[str]:
    document = json.loads(tasks_file.read_text(encoding="utf-8"))
    return [task["title"] for task in document["tasks"]]


def test_add_saves_the_task_and_confirms_with_its_id(run_cli: RunCli, tasks_file: Path) -> None:
    result = run_cli("add", "Buy milk")
    assert result.exit_code == 0 and result.stdout == "Added task #1: Buy milk\n", (
        f"Called add 'Buy milk'. Got exit {result.exit_code}, output {result.output!r}"
    )
    assert _titles(tasks_file) == ["Buy milk"], f"Read the file. Got {_titles(tasks_file)}"


def test_add_joins_unquoted_words_into_one_title(run_cli: RunCli, tasks_file: Path) -> None:
    run_cli("add", "Walk", "the", "dog")
    assert _titles(tasks_file) == ["Walk the dog"], (
        f"Called add Walk the dog. Got {_titles(tasks_file)}"
    )


def test_list_shows_every_task_with_id_status_and_title(run_cli: RunCli) -> None:
    run_cli("add", "Buy milk")
    run_cli("add", "Walk dog")
    run_cli("complete", "2")
    lines = run_cli("list").stdout.splitlines()
    assert len(lines) == 3 and lines[0].split()[:2] == ["ID", "STATUS"], f"Called list. Got {lines}"
    assert lines[1].split()[:2] == ["1", "pending"] and lines[1].endswith("Buy milk"), lines[1]
    assert lines[2].split()[:2] == ["2", "done"] and lines[2].endswith("Walk dog"), lines[2]


def test_list_on_an_empty_file_says_how_to_add_a_task(run_cli: RunCli) -> None:
    result = run_cli("list")
    assert result.exit_code == 0 and "add" in result.stdout, f"Called list. Got {result.output!r}"


def test_complete_and_delete_change_the_file(run_cli: RunCli, tasks_file: Path) -> None:
    for title in ("a", "b", "c"):
        run_cli("add", title)
    completed = run_cli("complete", "1")
    deleted = run_cli("delete", "2")
    assert completed.stdout == "Completed task #1: a\n", (
        f"Called complete 1. Got {completed.output!r}"
    )
    assert deleted.stdout == "Deleted task #2: b\n", f"Called delete 2. Got {deleted.output!r}"
    document = json.loads(tasks_file.read_text(encoding="utf-8"))
    got = [(t["id"], t["status"]) for t in document["tasks"]]
    assert got == [(1, "done"), (3, "pending")], f"Read the file. Got {got}"


def test_ids_are_not_reused_across_runs(run_cli: RunCli) -> None:
    for title in ("a", "b"):
        run_cli("add", title)
    run_cli("delete", "2")
    result = run_cli("add", "c")
    assert result.stdout == "Added task #3: c\n", (
        f"Ran add a, add b, delete 2, add c. Got {result.stdout!r}, expected 'Added task #3: c'"
    )


def test_list_filters_by_status(run_cli: RunCli) -> None:
    run_cli("add", "open task")
    run_cli("add", "finished task")
    run_cli("complete", "2")
    pending = run_cli("list", "--status", "pending").stdout
    done = run_cli("list", "--status", "done").stdout
    assert "open task" in pending and "finished task" not in pending, f"Got {pending!r}"
    assert "finished task" in done and "open task" not in done, f"Got {done!r}"


def test_list_sorts_by_date_oldest_first_and_reverse_newest_first(run_cli: RunCli) -> None:
    for title in ("first", "second", "third"):
        run_cli("add", title)
    oldest = [line.split()[-1] for line in run_cli("list").stdout.splitlines()[1:]]
    newest = [line.split()[-1] for line in run_cli("list", "--reverse").stdout.splitlines()[1:]]
    assert oldest == ["first", "second", "third"], f"Called list. Got {oldest}"
    assert newest == ["third", "second", "first"], f"Called list --reverse. Got {newest}"


def test_tasks_file_environment_variable_chooses_the_data_file(tmp_path: Path) -> None:
    data = tmp_path / "work" / "todo.json"
    result = CliRunner().invoke(cli, ["add", "From env"], env={"TASKS_FILE": str(data)})
    assert result.exit_code == 0 and _titles(data) == ["From env"], (
        f"Called add with TASKS_FILE={data}. Got exit {result.exit_code}, output {result.output!r}"
    )


def test_file_option_wins_over_the_environment_variable(tmp_path: Path) -> None:
    from_env, from_option = tmp_path / "env.json", tmp_path / "option.json"
    CliRunner().invoke(
        cli, ["--file", str(from_option), "add", "x"], env={"TASKS_FILE": str(from_env)}
    )
    assert from_option.exists() and not from_env.exists(), "Called --file with TASKS_FILE set"


def test_default_run_logs_nothing_to_stderr(run_cli: RunCli) -> None:
    result = run_cli("add", "quiet")
    assert result.exit_code == 0, f"Called add. Got exit {result.exit_code}: {result.output!r}"
    assert result.stderr == "", f"Called add. Got stderr {result.stderr!r}, expected nothing"


@pytest.mark.hint(
    "configure_logging creates a StreamHandler(sys.stderr) at each call,"
    " on the 'task_manager' logger."
)
def test_verbose_logs_the_data_file_and_the_change_to_stderr(
    run_cli: RunCli, tasks_file: Path
) -> None:
    result = run_cli("--verbose", "add", "loud")
    assert str(tasks_file) in result.stderr and "added task 1: loud" in result.stderr, (
        f"Called --verbose add. Got stderr {result.stderr!r}"
    )
    assert result.stdout == "Added task #1: loud\n", (
        f"Got stdout {result.stdout!r}, expected no logs"
    )


def test_verbose_logs_each_step_without_logging_errors(run_cli: RunCli, tasks_file: Path) -> None:
    for title in ("a", "b"):
        run_cli("add", title)
    completed = run_cli("--verbose", "complete", "1")
    leftover = tasks_file.with_name(".tasks.json.abcdefgh.tmp")
    leftover.write_text("half a file", encoding="utf-8")
    deleted = run_cli("--verbose", "delete", "2")
    logs = completed.stderr + deleted.stderr
    for expected in (
        "updated task 1",
        "deleted task 2",
        f"loaded 2 tasks from {tasks_file}",
        f"saved 1 tasks to {tasks_file}",
        f"removed {leftover}",
    ):
        assert expected in logs, f"Ran --verbose complete 1, delete 2. Got stderr {logs!r}"
    assert "Logging error" not in logs, f"Ran --verbose. Got {logs!r}"


def test_configure_logging_twice_leaves_one_handler_at_the_last_level() -> None:
    configure_logging(True)
    configure_logging(False)
    logger = logging.getLogger(LOGGER_NAME)
    got = (len(logger.handlers), logger.level)
    assert got == (1, logging.WARNING), (
        f"Called configure_logging(True), then (False). Got (handlers, level) {got}, "
        f"expected (1, {logging.WARNING})"
    )


@pytest.mark.hint(
    "TaskCli turns click.UsageError into one line (OneLineError)"
    " and TaskManagerError into click.ClickException."
)
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["add", "   "], "title cannot be empty"),
        (["complete", "9"], "no task with id 9"),
        (["delete", "9"], "no task with id 9"),
        (["complete", "abc"], "not a valid integer"),
        (["complete", "1", "9"], "no task with id 9"),
        (["frobnicate"], "No such command"),
        (["--frobnicate", "list"], "No such option"),
    ],
)
def test_bad_input_prints_one_error_line_and_changes_nothing(
    run_cli: RunCli, tasks_file: Path, args: list[str], expected: str
) -> None:
    run_cli("add", "keep me")
    before = tasks_file.read_bytes()
    result = run_cli(*args)
    assert result.exit_code != 0, f"Called {args}. Got exit 0, expected an error"
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, (
        f"Called {args}. Got stderr {result.stderr!r}, expected one 'Error: ...' line"
    )
    assert expected in result.stderr, f"Called {args}. Got {result.stderr!r}, expected {expected!r}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"Called {args}. Got an unhandled {result.exception!r}"
    )
    assert tasks_file.read_bytes() == before, f"Called {args}. Got a changed tasks.json"


def test_corrupt_file_is_reported_in_one_line_and_never_overwritten(
    run_cli: RunCli, tasks_file: Path
) -> None:
    tasks_file.write_text('{"format": "task-manager", "tasks": [{"id": 1', encoding="utf-8")
    before = tasks_file.read_bytes()
    for args in (["list"], ["add", "new"], ["complete", "1"]):
        result = run_cli(*args)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, (
            f"Called {args} on a corrupt file. Got exit {result.exit_code}, {result.stderr!r}"
        )
        assert str(tasks_file) in result.stderr and "mv " in result.stderr, result.stderr
    assert tasks_file.read_bytes() == before, "Called add on a corrupt file. Got it overwritten"


def test_sorter_named_finds_each_strategy_and_rejects_unknown_names() -> None:
    names = {
        name: type(sorter_named(name)).__name__ for name in ("date", "priority", "due", "title")
    }
    expected = {
        "date": "DateSorter",
        "priority": "PrioritySorter",
        "due": "DueDateSorter",
        "title": "TitleSorter",
    }
    assert names == expected, f"Called sorter_named(name). Got {names}, expected {expected}"
    with pytest.raises(ValueError, match="unknown sort 'size'"):
        sorter_named("size")


def test_rich_output_only_for_a_colour_terminal_and_short_lists(tasks_file: Path) -> None:
    app = AppContext(JsonStorage(tasks_file), color=True)
    plain = AppContext(JsonStorage(tasks_file), color=False)
    got = (app.use_rich(10), app.use_rich(RICH_ROW_LIMIT), app.use_rich(RICH_ROW_LIMIT + 1))
    assert got == (True, True, False), (
        f"Called use_rich(10 / {RICH_ROW_LIMIT} / {RICH_ROW_LIMIT + 1}) with colour. Got {got}"
    )
    assert plain.use_rich(10) is False, "Called use_rich(10) without colour. Got True"
