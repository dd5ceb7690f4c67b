"""The shapes orders answers and accepts; money is a string with two decimals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

MAX_QUANTITY = 1_000


class OrderStatus(StrEnum):
    """Where an order is: pending -> paid -> shipped -> delivered, or cancelled."""

    PENDING = "pending"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class CartLineIn(BaseModel):
    """Body of PUT /cart/items/{product_id}."""

    model_config = ConfigDict(extra="forbid")

    quantity: int = Field(ge=1, le=MAX_QUANTITY, examples=[2])


class CartLine(BaseModel):
    """A product in the cart, at its current price."""

    product_id: int
    name: str
    unit_price: Decimal
    quantity: int
    line_total: Decimal
    in_stock: int


class CartRead(BaseModel):
    """The caller's cart."""

    items: list[CartLine]
    total: Decimal


class OrderItemRead(BaseModel):
    """A line of an order, as it was bought."""

    model_config = ConfigDict(from_attributes=True)

    product_id: int
    product_name: str
    quantity: int
    unit_price: Decimal


class StatusChangeRead(BaseModel):
    """One step of an order's history."""

    model_config = ConfigDict(from_attributes=True)

    status: OrderStatus
    changed_at: datetime


class OrderRead(BaseModel):
    """An order with its lines and its status history (oldest first)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    status: OrderStatus
    total: Decimal
    created_at: datetime
    updated_at: datetime
    items: list[OrderItemRead]
    history: list[StatusChangeRead]


class StatusIn(BaseModel):
    """Body of PATCH /orders/{id}/status."""

    model_config = ConfigDict(extra="forbid")

    status: OrderStatus


class DaySales(BaseModel):
    """Sales of one day (UTC)."""

    day: date
    orders: int
    revenue: Decimal


class TopProduct(BaseModel):
    """A best seller of the period."""

    product_id: int
    name: str
    quantity: int
    revenue: Decimal


class SalesReport(BaseModel):
    """Sales from `date_from` to `date_to` (both included, UTC): paid, shipped and delivered
    orders; cancelled and pending ones do not count."""

    date_from: date
    date_to: date
    orders: int
    revenue: Decimal
    average_order_value: Decimal | None
    by_status: dict[str, int]
    by_day: list[DaySales]
    top_products: list[TopProduct]
