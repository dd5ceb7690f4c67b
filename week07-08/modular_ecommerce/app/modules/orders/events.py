"""What orders announces; delivered after the commit of the use case that published it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.shared.events import Event


@dataclass(frozen=True)
class OrderPlaced(Event):
    """A cart became an order; its stock is taken."""

    order_id: int
    user_id: int
    email: str
    total: Decimal


@dataclass(frozen=True)
class OrderStatusChanged(Event):
    """An order moved to another status."""

    order_id: int
    user_id: int
    email: str | None
    status: str
