"""The demo runs every step on a real database, and can be run again."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from bank.demo import run_demo

pytestmark = pytest.mark.day(31)


def test_demo_shows_commit_refusal_rollback_and_savepoints_twice_over(
    committed_engine: Engine,
) -> None:
    run_demo(committed_engine)
    lines = run_demo(committed_engine)  # the second run resets its accounts first
    rolled_back = next((line for line in lines if line.startswith("credit failed")), "")
    imported = next((line for line in lines if line.startswith("import:")), "")
    assert rolled_back.endswith("ada 70.00, grace 80.00"), f"Called run_demo. Got {rolled_back!r}"
    assert "['linus@example.com', 'barbara@example.com']" in imported, f"Got {imported!r}"
    reads = [line.split(": ", 1)[1] for line in lines[-3:]]
    expected = [
        "read 70.00, another transaction deposits 1.00, read 71.00",
        "read 71.00, another transaction deposits 1.00, read 71.00",
        "read 72.00, another transaction deposits 1.00, read 72.00",
    ]
    assert reads == expected, f"Called run_demo. Got isolation lines {reads}, expected {expected}"
