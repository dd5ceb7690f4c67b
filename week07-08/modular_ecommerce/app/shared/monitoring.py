"""In-process counters for the monitoring endpoint: what happened since the process started."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from app.shared.clock import Clock


class Counters:
    """Named counts, and when counting started."""

    def __init__(self, clock: Clock) -> None:
        self.started_at: datetime = clock()
        self._counts: Counter[str] = Counter()

    def increment(self, name: str, by: int = 1) -> None:
        """Add `by` to the count called `name`."""
        self._counts[name] += by

    def snapshot(self) -> dict[str, int]:
        """Every count, by name."""
        return dict(sorted(self._counts.items()))
