"""Event handlers that count what happened, for GET /admin/metrics.

They run after the commit, so a rolled-back registration or order is never counted.
"""

from __future__ import annotations

from app.modules.auth.events import UserBanned, UserRegistered
from app.modules.orders.events import OrderPlaced
from app.shared.events import EventContext


async def count_registration(event: UserRegistered, context: EventContext) -> None:
    """One more account."""
    context.counters.increment("users_registered")


async def count_ban(event: UserBanned, context: EventContext) -> None:
    """One more ban."""
    context.counters.increment("users_banned")


async def count_order(event: OrderPlaced, context: EventContext) -> None:
    """One more order, and its total in cents."""
    context.counters.increment("orders_placed")
    context.counters.increment("order_cents", int(event.total * 100))
