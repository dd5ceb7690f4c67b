"""Orders and their lines; a line keeps the unit price paid, whatever the product costs later."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, DateTime, Enum, ForeignKey, Index, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import Base

if TYPE_CHECKING:
    from app.models.catalog import Product
    from app.models.user import User


class OrderStatus(enum.StrEnum):
    """Where an order stands: pending -> paid -> shipped -> delivered, or cancelled."""

    PENDING = "pending"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class Order(Base):
    """One purchase by one user; `total` is the sum of its lines, fixed when it is placed."""

    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("total >= 0", name="total_not_negative"),
        # Order history: one user's orders, newest first.
        Index("ix_orders_user_id_created_at", "user_id", "created_at"),
        # Sales reports: a date range of orders, read from the index alone.
        Index("ix_orders_created_at", "created_at", postgresql_include=["status", "total"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[OrderStatus] = mapped_column(
        Enum(
            OrderStatus,
            name="order_status",
            values_callable=lambda statuses: [s.value for s in statuses],
        ),
        default=OrderStatus.PENDING,
        server_default=OrderStatus.PENDING.value,
    )
    total: Mapped[Decimal]
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )

    user: Mapped[User] = relationship(back_populates="orders", lazy="raise")
    items: Mapped[list[OrderItem]] = relationship(
        back_populates="order",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
        order_by="OrderItem.id",
    )


class OrderItem(Base):
    """One product of an order: how many, at which unit price (a snapshot)."""

    __tablename__ = "order_items"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
        UniqueConstraint("order_id", "product_id"),
        # Top sellers: lines grouped by product, read from the index alone.
        Index(
            "ix_order_items_product_id",
            "product_id",
            postgresql_include=["order_id", "quantity"],
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    # RESTRICT: a product that was sold stays, so order history never loses its lines.
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="RESTRICT"))
    quantity: Mapped[int]
    unit_price: Mapped[Decimal]

    order: Mapped[Order] = relationship(back_populates="items", lazy="raise")
    product: Mapped[Product] = relationship(back_populates="order_items", lazy="raise")
