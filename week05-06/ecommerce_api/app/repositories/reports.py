"""Analytics queries: top sellers, a user's spending, sales over a date range.

Sales are orders that were paid (paid, shipped or delivered): pending orders are not paid
yet and cancelled ones were refunded. Each report is one or two statements whose plans
are explained in benchmark/README.md.
"""

import abc
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, cast, func, literal_column, select, text

from app.models import Order, OrderItem, OrderStatus, Product
from app.repositories.base import SqlAlchemyRepository

SOLD = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
"""The statuses that count as a sale."""


@dataclass(frozen=True)
class TopSeller:
    """A product's place among the best sellers; equal units share a rank."""

    rank: int
    product_id: int
    name: str
    units_sold: int
    revenue: Decimal


@dataclass(frozen=True)
class Spending:
    """What one user has paid for."""

    order_count: int
    total_spent: Decimal


@dataclass(frozen=True)
class DailySales:
    """One day of a sales report."""

    day: date
    order_count: int
    revenue: Decimal


@dataclass(frozen=True)
class SalesTotals:
    """A sales report's totals and its days."""

    order_count: int
    units_sold: int
    revenue: Decimal
    days: list[DailySales]


class AbstractReportQueries(abc.ABC):
    """The questions analytics asks of the orders."""

    @abc.abstractmethod
    async def top_selling(self, limit: int) -> list[TopSeller]:
        """Products by units sold, ties sharing a rank; every product ranked up to `limit`."""
        raise NotImplementedError

    @abc.abstractmethod
    async def spending(self, user_id: int) -> Spending:
        """A user's sales: how many orders and their sum."""
        raise NotImplementedError

    @abc.abstractmethod
    async def sales(self, start: datetime, end: datetime) -> SalesTotals:
        """Sales created in [start, end): totals and one row per UTC day that had any."""
        raise NotImplementedError


class SqlAlchemyReportQueries(SqlAlchemyRepository, AbstractReportQueries):
    """The reports in SQL: PostgreSQL aggregates, Python only shapes the rows."""

    async def top_selling(self, limit: int) -> list[TopSeller]:
        """Aggregate the sold lines per product, RANK() by units, keep ranks <= limit."""
        units = func.sum(OrderItem.quantity)
        per_product = (
            select(
                OrderItem.product_id,
                units.label("units"),
                func.sum(OrderItem.quantity * OrderItem.unit_price).label("revenue"),
                func.rank().over(order_by=units.desc()).label("rank"),
            )
            .join(Order, Order.id == OrderItem.order_id)
            .where(Order.status.in_(SOLD))
            .group_by(OrderItem.product_id)
            .subquery()
        )
        query = (
            select(per_product, Product.name)
            .join(Product, Product.id == per_product.c.product_id)
            .where(per_product.c.rank <= limit)
            .order_by(per_product.c.rank, per_product.c.product_id)
        )
        rows = (await self.session.execute(query)).all()
        return [
            TopSeller(
                rank=row.rank,
                product_id=row.product_id,
                name=row.name,
                units_sold=row.units,
                revenue=row.revenue,
            )
            for row in rows
        ]

    async def spending(self, user_id: int) -> Spending:
        """COUNT and SUM of the user's sold orders, through the (user_id, created_at) index."""
        found = await self.session.execute(
            select(func.count(), func.coalesce(func.sum(Order.total), 0)).where(
                Order.user_id == user_id, Order.status.in_(SOLD)
            )
        )
        count, total = found.one()
        return Spending(order_count=count, total_spent=Decimal(total))

    async def sales(self, start: datetime, end: datetime) -> SalesTotals:
        """Per-day counts and revenue from the orders index, and the units of their lines."""
        # A year has 365 groups but up to 10^5 orders a day apart: with the default 4 MB the
        # grouping sorts on disk. SET LOCAL ends with this transaction.
        await self.session.execute(text("SET LOCAL work_mem = '64MB'"))
        day = cast(func.timezone("UTC", Order.created_at), Date).label("day")
        in_range = (Order.created_at >= start, Order.created_at < end, Order.status.in_(SOLD))
        daily = await self.session.execute(
            select(day, func.count(), func.sum(Order.total))
            .where(*in_range)
            .group_by(literal_column("1"))
            .order_by(literal_column("1"))
        )
        days = [DailySales(d, count, revenue) for d, count, revenue in daily.all()]
        units = await self.session.execute(
            select(func.coalesce(func.sum(OrderItem.quantity), 0))
            .join(Order, Order.id == OrderItem.order_id)
            .where(*in_range)
        )
        return SalesTotals(
            order_count=sum(d.order_count for d in days),
            units_sold=int(units.scalar_one()),
            revenue=sum((d.revenue for d in days), Decimal("0.00")),
            days=days,
        )
