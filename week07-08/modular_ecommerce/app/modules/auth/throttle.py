"""Login throttling: too many failures for one account, or too many attempts from one
client, answer 429 with Retry-After before any password is checked.

Counts live in this process's memory, in sliding windows: enough for one server; several
workers would each count on their own (a shared store such as Redis would be the next
step). The number of keys is bounded, so a flood of made-up emails cannot exhaust memory.
An unknown email is throttled exactly like a known one: the 429 reveals nothing.
"""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from datetime import datetime

from app.config import Settings
from app.shared.exceptions import TooManyRequests

MAX_KEYS = 100_000


class SlidingWindow:
    """At most `limit` hits per key within any `window_s` seconds."""

    def __init__(self, limit: int, window_s: int, max_keys: int = MAX_KEYS) -> None:
        self.limit = limit
        self.window_s = window_s
        self.max_keys = max_keys
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            return deque()
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        return hits

    def retry_after(self, key: str, now: float) -> int | None:
        """Seconds until `key` may try again, or None if it may now."""
        hits = self._recent(key, now)
        if len(hits) < self.limit:
            return None
        return max(1, math.ceil(hits[0] + self.window_s - now))

    def hit(self, key: str, now: float) -> None:
        """Count one hit for `key` (the least recently used key goes when full)."""
        hits = self._recent(key, now)
        hits.append(now)
        self._hits[key] = hits
        self._hits.move_to_end(key)
        while len(self._hits) > self.max_keys:
            self._hits.popitem(last=False)

    def forget(self, key: str) -> None:
        """Drop `key`'s hits."""
        self._hits.pop(key, None)

    def clear(self) -> None:
        """Drop every key."""
        self._hits.clear()


class LoginThrottle:
    """Failures per account and attempts per client, limits from the settings."""

    def __init__(self, settings: Settings) -> None:
        self.failures = SlidingWindow(settings.login_max_failures, settings.login_failure_window_s)
        self.attempts = SlidingWindow(
            settings.login_max_attempts_per_client, settings.login_client_window_s
        )

    def check(self, account: str, client: str, now: datetime) -> None:
        """Count an attempt from `client`; TooManyRequests if the client or the account is
        over its limit."""
        moment = now.timestamp()
        waits = [
            self.attempts.retry_after(client, moment),
            self.failures.retry_after(account, moment),
        ]
        self.attempts.hit(client, moment)
        wait = max((w for w in waits if w is not None), default=None)
        if wait is not None:
            raise TooManyRequests("Too many login attempts; try again later", retry_after=wait)

    def failed(self, account: str, now: datetime) -> None:
        """Count a failed login for `account`."""
        self.failures.hit(account, now.timestamp())

    def succeeded(self, account: str) -> None:
        """A successful login clears the account's failures."""
        self.failures.forget(account)

    def reset(self) -> None:
        """Forget every count (tests, or an operator after an incident)."""
        self.failures.clear()
        self.attempts.clear()
