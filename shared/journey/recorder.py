"""Writes one JSON line per test for the progress runner (``JOURNEY_RESULTS=path``)."""

from __future__ import annotations

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


def short_reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    """The one line that says why a test failed: its crash message."""
    longrepr: Any = report.longrepr
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None:
        return str(crash.message).strip().splitlines()[0][:300] if crash.message else ""
    text = str(longrepr or "").strip().splitlines()
    return text[-1][:300] if text else ""


class ResultRecorder:
    """Collects each test's outcome and day; writes them at the end of the session."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.days: dict[str, int | None] = {}
        self.results: dict[str, dict[str, Any]] = {}

    @classmethod
    def from_environment(cls) -> ResultRecorder | None:
        """A recorder writing to ``$JOURNEY_RESULTS``, or None when it is not set."""
        target = os.environ.get("JOURNEY_RESULTS")
        return cls(Path(target)) if target else None

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        self.days = {item.nodeid: day_of(item) for item in items}

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.results[report.nodeid] = {
                "nodeid": report.nodeid,
                "day": None,
                "outcome": "error",
                "reason": short_reason(report) or "collection failed",
            }

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.results.setdefault(
            report.nodeid,
            {
                "nodeid": report.nodeid,
                "day": self.days.get(report.nodeid),
                "outcome": "passed",
                "reason": "",
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
