"""Analytics bodies (admins)."""

import datetime as dt

from pydantic import Field

from app.schemas.common import MoneyOut, ReadModel


class TopSellerRead(ReadModel):
    """A best seller; equal `units_sold` share a `rank` (1, 1, 3)."""

    rank: int
    product_id: int
    name: str
    units_sold: int
    revenue: MoneyOut


class SpendingRead(ReadModel):
    """What a user has paid for (paid, shipped and delivered orders)."""

    user_id: int
    order_count: int
    total_spent: MoneyOut
    average_order_value: MoneyOut


class DailySalesRead(ReadModel):
    """One UTC day of sales."""

    date: dt.date = Field(validation_alias="day")
    order_count: int
    revenue: MoneyOut


class SalesReportRead(ReadModel):
    """Sales from from_date to to_date, both days included (UTC)."""

    from_date: dt.date
    to_date: dt.date
    order_count: int
    units_sold: int
    revenue: MoneyOut
    average_order_value: MoneyOut
    days: list[DailySalesRead]
