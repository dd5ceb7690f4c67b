"""The shapes orders cross the module's border in."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field

from app.shared.utils import MAX_ID

MAX_QUANTITY = 1_000
MAX_LINES = 50


class OrderLineIn(BaseModel):
    """One line of POST /orders."""

    product_id: int = Field(ge=1, le=MAX_ID)
    quantity: int = Field(ge=1, le=MAX_QUANTITY)


class OrderCreate(BaseModel):
    """Body of POST /orders: who buys, and at least one line."""

    user_id: int = Field(ge=1, le=MAX_ID)
    items: list[OrderLineIn] = Field(min_length=1, max_length=MAX_LINES)


class OrderLineRead(BaseModel):
    """A stored line, with the unit price paid."""

    model_config = ConfigDict(from_attributes=True)

    product_id: int
    quantity: int
    unit_price: Decimal


class OrderRead(BaseModel):
    """An order as the API returns it; lines in product id order."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    total: Decimal
    created_at: datetime
    items: list[OrderLineRead]
