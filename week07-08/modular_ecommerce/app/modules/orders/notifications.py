"""Mail orders sends, from its events: only ever after the order's transaction committed."""

from __future__ import annotations

from app.modules.orders.events import OrderPlaced, OrderStatusChanged
from app.shared.events import EventContext
from app.shared.mail import Email


async def confirm_order(event: OrderPlaced, context: EventContext) -> None:
    """Mail the customer that their order is placed."""
    body = f"Thank you! Order #{event.order_id} is placed; total {event.total:.2f}.\n"
    await context.mailer.send(Email(event.email, f"Order #{event.order_id} placed", body))


async def announce_status(event: OrderStatusChanged, context: EventContext) -> None:
    """Mail the customer their order's new status."""
    if event.email is None:
        return
    subject = f"Order #{event.order_id} is {event.status}"
    await context.mailer.send(Email(event.email, subject, f"{subject}.\n"))
