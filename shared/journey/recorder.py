"""Writes one JSON line per test for the progress runner (``JOURNEY_RESULTS=path``)."""

from __future__ import annotations

import ast
import json
import os
from pathlib import Path
from typing import Any

import pytest


def day_of(item: pytest.Item) -> int | None:
    """The day a test is tagged with (``@pytest.mark.day(N)``), or None."""
    marker = item.get_closest_marker("day")
    if marker is None or not marker.args:
        return None
    value = marker.args[0]
    return value if isinstance(value, int) else None


MESSAGE_LINES = 5
"""How many lines of a failure's message the report keeps: enough for expected and got."""


def short_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    """Why a test failed: the first lines of its crash message (assertion diffs included)."""
    longrepr: Any = report.longrepr
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None and crash.message:
        lines = str(crash.message).strip().splitlines()
    else:
        # A collection error: pytest's own text ends with the exception's line.
        text = [line for line in str(longrepr or "").strip().splitlines() if line.strip()]
        errors = [line for line in text if line.startswith("E ")]
        lines = [line[1:].strip() for line in errors[-MESSAGE_LINES:]] or text[-1:]
    return "\n".join(line[:300] for line in lines[:MESSAGE_LINES])


def hint_of(item: pytest.Item) -> str:
    """The hint a test carries (``@pytest.mark.hint("...")``), or an empty string."""
    marker = item.get_closest_marker("hint")
    return str(marker.args[0]) if marker is not None and marker.args else ""


def days_in_file(path: Path) -> dict[int, int]:
    """The days a test file's tests are tagged with, and how many test functions each.

    Read from the source, without importing it: used when the file cannot be imported
    (a missing module, a name not written yet), so the day's tests still count as failing.
    """
    try:
        tree = ast.parse(path.read_text())
    except (OSError, SyntaxError, ValueError):
        return {}
    module_day = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets
        ):
            module_day = _marked_day(node.value)
    counts: dict[int, int] = {}
    for found in ast.walk(tree):
        if isinstance(found, ast.FunctionDef | ast.AsyncFunctionDef) and found.name.startswith(
            "test"
        ):
            day = next(
                (d for d in map(_marked_day, found.decorator_list) if d is not None), module_day
            )
            if day is not None:
                counts[day] = counts.get(day, 0) + 1
    return counts


def _marked_day(node: ast.expr) -> int | None:
    """N for an expression ``pytest.mark.day(N)`` (also inside a list), else None."""
    if isinstance(node, ast.List | ast.Tuple):
        return next((d for d in map(_marked_day, node.elts) if d is not None), None)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "day"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, int)
    ):
        return node.args[0].value
    return None


class ResultRecorder:
    """Collects each test's outcome and day; writes them at the end of the session."""

    def __init__(self, path: Path, rootdir: Path | None = None) -> None:
        self.path = path
        self.rootdir = rootdir or Path.cwd()
        self.days: dict[str, int | None] = {}
        self.hints: dict[str, str] = {}
        self.results: dict[str, dict[str, Any]] = {}

    @classmethod
    def from_environment(cls, rootdir: Path | None = None) -> ResultRecorder | None:
        """A recorder writing to ``$JOURNEY_RESULTS``, or None when it is not set."""
        target = os.environ.get("JOURNEY_RESULTS")
        return cls(Path(target), rootdir) if target else None

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        self.days = {item.nodeid: day_of(item) for item in items}
        self.hints = {item.nodeid: hint_of(item) for item in items}

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if not report.failed:
            return
        reason = short_reason(report) or "collection failed"
        # fspath is relative to pytest's rootdir, which need not be the working folder.
        path = self.rootdir / report.fspath
        counts = days_in_file(path) if path.suffix == ".py" else {}
        if not counts:
            self.results[report.nodeid] = {
                "nodeid": report.nodeid,
                "day": None,
                "outcome": "error",
                "reason": reason,
                "count": 1,
            }
        for day, count in counts.items():
            # Every test of the day in this file fails: it could not even be imported.
            self.results[f"{report.nodeid}@day{day}"] = {
                "nodeid": report.nodeid,
                "day": day,
                "outcome": "error",
                "reason": reason,
                "count": count,
            }

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.results.setdefault(
            report.nodeid,
            {
                "nodeid": report.nodeid,
                "day": self.days.get(report.nodeid),
                "outcome": "passed",
                "reason": "",
                "hint": self.hints.get(report.nodeid, ""),
            },
        )
        if report.failed:
            entry["outcome"] = "failed" if report.when == "call" else "error"
            entry["reason"] = entry["reason"] or short_reason(report)
        elif report.skipped and entry["outcome"] == "passed":
            entry["outcome"] = "skipped"

    def pytest_sessionfinish(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lines = [json.dumps(entry) for entry in self.results.values()]
        self.path.write_text("\n".join(lines) + ("\n" if lines else ""))
