"""Inventory bodies: a restock in, stock alerts out."""

from datetime import datetime

from pydantic import Field

from app.schemas.common import ReadModel, RequestBody


class RestockIn(RequestBody):
    """Units received into stock."""

    quantity: int = Field(ge=1, le=1_000_000, examples=[50])


class StockAlertRead(ReadModel):
    """A crossing below the threshold: the stock and threshold right after it."""

    id: int
    product_id: int
    stock: int
    threshold: int
    created_at: datetime
