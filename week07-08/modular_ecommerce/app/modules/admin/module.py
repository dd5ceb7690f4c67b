"""admin as the app factory sees it: the back office routes and the event counters."""

from __future__ import annotations

from app.modules.admin.monitoring import count_ban, count_order, count_registration
from app.modules.admin.router import router
from app.modules.auth.events import UserBanned, UserRegistered
from app.modules.orders.events import OrderPlaced
from app.shared.modules import Module, Subscription

MODULE = Module(
    name="admin",
    description="Back office: bans, roles and permissions, all orders, sales, monitoring.",
    router=router,
    subscriptions=(
        Subscription.to(UserRegistered, count_registration),
        Subscription.to(UserBanned, count_ban),
        Subscription.to(OrderPlaced, count_order),
    ),
)
