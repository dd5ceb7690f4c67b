"""What products needs from another module, without importing it.

Reviews come only from users who received the product; orders knows who did, but orders
already depends on products (stock, prices). So products states the question here and
orders answers it: the app factory registers orders' answer when orders is included.
Without orders, nobody has received anything, and every review is refused.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from app.shared.modules import Port
from app.shared.unit_of_work import UnitOfWork

PurchaseCheck = Callable[[UnitOfWork, int, int], Awaitable[bool]]
"""(uow, user_id, product_id) -> whether an order of the user holding it was delivered."""

PURCHASE_CHECK: Port[PurchaseCheck] = Port("products.purchase_check")


async def no_purchases(uow: UnitOfWork, user_id: int, product_id: int) -> bool:
    """The answer when no module provides PURCHASE_CHECK: nobody received anything."""
    return False
