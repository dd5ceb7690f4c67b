"""The app's clock: tokens, sessions and throttles ask it the time, so tests can move it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, time-zone aware, in UTC."""
    return datetime.now(UTC)


class AppClock:
    """The real time, unless a test froze it (then it moves only when told to)."""

    def __init__(self) -> None:
        self._frozen: datetime | None = None

    def __call__(self) -> datetime:
        """The time now, in UTC."""
        return self._frozen if self._frozen is not None else utc_now()

    def freeze(self, at: datetime | None = None) -> datetime:
        """Stop the clock at `at` (default: now); returns the frozen time."""
        self._frozen = at or utc_now()
        return self._frozen

    def advance(self, delta: timedelta) -> None:
        """Move a frozen clock forward by `delta`."""
        self._frozen = self() + delta

    def unfreeze(self) -> None:
        """Back to the real time."""
        self._frozen = None
