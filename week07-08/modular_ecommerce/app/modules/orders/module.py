"""orders as the app factory sees it: routes, mail on its events, and products' port."""

from __future__ import annotations

from app.modules.orders.events import OrderPlaced, OrderStatusChanged
from app.modules.orders.notifications import announce_status, confirm_order
from app.modules.orders.router import router
from app.modules.orders.service import has_received
from app.modules.products.ports import PURCHASE_CHECK
from app.shared.modules import Module, Provision, Subscription

MODULE = Module(
    name="orders",
    description="The cart, checkout with stock taken in one transaction, history, tracking.",
    router=router,
    subscriptions=(
        Subscription.to(OrderPlaced, confirm_order),
        Subscription.to(OrderStatusChanged, announce_status),
    ),
    provides=(Provision.of(PURCHASE_CHECK, has_received),),
)
