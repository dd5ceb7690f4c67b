"""Why an orders use case refuses, in the domain's words."""

from __future__ import annotations

from app.shared.exceptions import NotFound


class OrderNotFound(NotFound):
    """No order has this id."""

    def __init__(self, order_id: int) -> None:
        super().__init__(f"Order {order_id} not found")
        self.order_id = order_id
