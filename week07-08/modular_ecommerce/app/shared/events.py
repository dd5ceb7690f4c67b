"""In-process events: how a module tells the others what happened, without importing them.

A use case publishes events into its unit of work; they are delivered only once the
transaction has committed, so no handler ever acts on something that was rolled back
(a welcome mail for a registration that failed, a counter for an order that never was).
A handler that fails is logged and skipped: the commit has happened, and the request's
answer must not depend on a side effect.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from app.config import Settings
from app.shared.clock import Clock
from app.shared.mail import Mailer
from app.shared.monitoring import Counters

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Base of every event: a fact, in the past tense (UserRegistered, OrderPlaced)."""


@dataclass(frozen=True)
class EventContext:
    """What a handler may use: the mailer, the monitoring counters, settings and clock."""

    mailer: Mailer
    counters: Counters
    settings: Settings
    clock: Clock


E = TypeVar("E", bound=Event)
Handler = Callable[[E, EventContext], Awaitable[None]]


class EventBus:
    """Handlers by event type; `deliver` runs them in the order they subscribed."""

    def __init__(self, context: EventContext) -> None:
        self.context = context
        self._handlers: defaultdict[type[Event], list[Handler[Any]]] = defaultdict(list)

    def subscribe(self, kind: type[E], handler: Handler[E]) -> None:
        """Call `handler(event, context)` for every delivered event of type `kind`."""
        self._handlers[kind].append(handler)

    def handlers(self, kind: type[Event]) -> list[Handler[Any]]:
        """The handlers subscribed to `kind`."""
        return list(self._handlers.get(kind, ()))

    async def deliver(self, events: Sequence[Event]) -> None:
        """Hand each event to its handlers; a handler's failure is logged, never raised."""
        for event in events:
            for handler in self._handlers.get(type(event), ()):
                try:
                    await handler(event, self.context)
                except Exception:
                    logger.exception("%s failed: %s", handler.__name__, event)  # pragma: no mutate
