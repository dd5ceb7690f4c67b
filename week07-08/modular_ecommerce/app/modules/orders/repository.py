"""The only code that writes SQL for orders. It flushes, never commits."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, delete, exists, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.modules.orders.models import CartItem, Order, OrderItem
from app.modules.orders.schemas import OrderStatus
from app.shared.pagination import PageRequest

REVENUE = (OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED)
OPEN = (OrderStatus.PENDING, OrderStatus.PAID)


def full() -> tuple[Any, ...]:
    """Load options: an order with its lines and its history (two more statements)."""
    return (selectinload(Order.items), selectinload(Order.history))


class CartRepository:
    """Cart lines of users."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lines(self, user_id: int, *, lock: bool = False) -> list[CartItem]:
        """The user's cart, by product id; `lock` takes the rows (one checkout at a time)."""
        query = select(CartItem).where(CartItem.user_id == user_id).order_by(CartItem.product_id)
        if lock:
            query = query.with_for_update()
        return list(await self.session.scalars(query))

    async def put(self, user_id: int, product_id: int, quantity: int) -> None:
        """Set the line's quantity (INSERT or UPDATE)."""
        statement = insert(CartItem).values(
            user_id=user_id, product_id=product_id, quantity=quantity
        )
        await self.session.execute(
            statement.on_conflict_do_update(
                index_elements=[CartItem.user_id, CartItem.product_id], set_={"quantity": quantity}
            )
        )

    async def remove(self, user_id: int, product_id: int | None = None) -> None:
        """Remove one line, or every line when `product_id` is None."""
        statement = delete(CartItem).where(CartItem.user_id == user_id)
        if product_id is not None:
            statement = statement.where(CartItem.product_id == product_id)
        await self.session.execute(statement)


class OrderRepository:
    """Orders, their lines and history."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, order: Order) -> None:
        """INSERT the order with its lines and history now."""
        self.session.add(order)
        await self.session.flush()

    async def get(self, order_id: int, *, lock: bool = False) -> Order | None:
        """The order with lines and history, or None; `lock` takes the order's row."""
        query = select(Order).where(Order.id == order_id).options(*full())
        if lock:
            query = query.with_for_update(of=Order)
        return await self.session.scalar(query)

    async def page(
        self, user_id: int | None, status: OrderStatus | None, page: PageRequest
    ) -> tuple[list[Order], int]:
        """Orders (of one user, or all) newest first, with lines and history; their count."""
        query = select(Order)
        if user_id is not None:
            query = query.where(Order.user_id == user_id)
        if status is not None:
            query = query.where(Order.status == status)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.scalars(
            query.options(*full())
            .order_by(Order.created_at.desc(), Order.id.desc())
            .limit(page.limit)
            .offset(page.offset)
        )
        return list(rows), total or 0

    async def open_orders(self, user_id: int) -> list[Order]:
        """The user's pending and paid orders, locked, by id."""
        query = (
            select(Order)
            .where(Order.user_id == user_id, Order.status.in_(OPEN))
            .options(*full())
            .order_by(Order.id)
            .with_for_update(of=Order)
        )
        return list(await self.session.scalars(query))

    async def has_received(self, user_id: int, product_id: int) -> bool:
        """Whether a delivered order of the user holds the product."""
        query = select(
            exists()
            .where(OrderItem.order_id == Order.id)
            .where(
                Order.user_id == user_id,
                Order.status == OrderStatus.DELIVERED,
                OrderItem.product_id == product_id,
            )
        )
        return bool(await self.session.scalar(query))

    async def totals(self, start: datetime, end: datetime) -> Row[int, Decimal]:
        """(orders, revenue) of revenue orders created in [start, end)."""
        query = select(func.count(), func.coalesce(func.sum(Order.total), 0)).where(
            Order.created_at >= start, Order.created_at < end, Order.status.in_(REVENUE)
        )
        return (await self.session.execute(query)).one()

    async def by_status(self, start: datetime, end: datetime) -> dict[str, int]:
        """How many orders of each status were created in [start, end)."""
        query = (
            select(Order.status, func.count())
            .where(Order.created_at >= start, Order.created_at < end)
            .group_by(Order.status)
        )
        return {status.value: count for status, count in (await self.session.execute(query))}

    async def by_day(self, start: datetime, end: datetime) -> list[Row[date, int, Decimal]]:
        """(day, orders, revenue) per UTC day with sales in [start, end), by day."""
        day = func.date(func.timezone("UTC", Order.created_at)).label("day")
        query = (
            select(day, func.count(), func.sum(Order.total))
            .where(Order.created_at >= start, Order.created_at < end, Order.status.in_(REVENUE))
            .group_by(day)
            .order_by(day)
        )
        return list((await self.session.execute(query)).all())

    async def top_products(
        self, start: datetime, end: datetime, limit: int
    ) -> list[Row[int, str, int, int]]:
        """(product id, name, units, revenue) of the best sellers in [start, end)."""
        revenue = func.sum(OrderItem.quantity * OrderItem.unit_price)
        units = func.sum(OrderItem.quantity)
        query = (
            select(OrderItem.product_id, func.min(OrderItem.product_name), units, revenue)
            .join(Order, Order.id == OrderItem.order_id)
            .where(Order.created_at >= start, Order.created_at < end, Order.status.in_(REVENUE))
            .group_by(OrderItem.product_id)
            .order_by(units.desc(), revenue.desc(), OrderItem.product_id)
            .limit(limit)
        )
        return list((await self.session.execute(query)).all())
