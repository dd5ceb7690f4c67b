"""Why a products use case refuses, in the domain's words."""

from __future__ import annotations

from app.shared.exceptions import Conflict, NotFound


class ProductNotFound(NotFound):
    """No product has this id."""

    def __init__(self, product_id: int) -> None:
        super().__init__(f"Product {product_id} not found")
        self.product_id = product_id


class OutOfStock(Conflict):
    """Fewer units in stock than requested."""

    def __init__(self, product_id: int, available: int, requested: int) -> None:
        super().__init__(f"Product {product_id} has {available} in stock, {requested} requested")
        self.product_id = product_id
        self.available = available
        self.requested = requested
