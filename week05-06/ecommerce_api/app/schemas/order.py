"""Order bodies: lines in, orders with their price snapshots out."""

from datetime import datetime

from pydantic import Field, computed_field

from app.models import OrderStatus
from app.schemas.common import Id, MoneyOut, Quantity, ReadModel, RequestBody


class OrderItemIn(RequestBody):
    """A product and how many units."""

    product_id: Id
    quantity: Quantity = Field(examples=[2])


class OrderCreate(RequestBody):
    """An order from explicit lines (checkout makes one from the cart)."""

    items: list[OrderItemIn] = Field(min_length=1, max_length=100)


class OrderItemRead(ReadModel):
    """A line: the unit price is the product's price when the order was placed."""

    product_id: int
    quantity: int
    unit_price: MoneyOut

    @computed_field  # type: ignore[prop-decorator]
    @property
    def line_total(self) -> MoneyOut:
        """unit_price x quantity."""
        return self.unit_price * self.quantity


class OrderRead(ReadModel):
    """An order and its lines; `total` is the exact sum of the line totals."""

    id: int
    user_id: int
    status: OrderStatus
    total: MoneyOut
    created_at: datetime
    items: list[OrderItemRead]


class OrderStatusChange(RequestBody):
    """Where to move the order: customers may pay or cancel, admins ship and deliver."""

    status: OrderStatus = Field(examples=["paid"])
