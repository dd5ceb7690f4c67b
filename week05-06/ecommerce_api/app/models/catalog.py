"""The catalog: categories and products, joined many-to-many."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, DateTime, ForeignKey, Index, String, Table, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import Base

if TYPE_CHECKING:
    from app.models.order import OrderItem

product_categories = Table(
    "product_categories",
    Base.metadata,
    Column("product_id", ForeignKey("products.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "category_id", ForeignKey("categories.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)
"""The association table: a product in many categories, a category holding many products."""


class Category(Base):
    """A shelf of the shop, e.g. "Books"; names are unique."""

    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    description: Mapped[str | None] = mapped_column(String(500))

    products: Mapped[list[Product]] = relationship(
        secondary=product_categories,
        back_populates="categories",
        lazy="raise",
        passive_deletes=True,
    )


class Product(Base):
    """Something to sell: a price, a stock count and the threshold under which stock is low."""

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("low_stock_threshold >= 0", name="threshold_not_negative"),
        # Keyset pagination by price and by creation time seeks these instead of sorting.
        Index("ix_products_price_id", "price", "id"),
        Index("ix_products_created_at_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(2000))
    price: Mapped[Decimal]
    stock: Mapped[int] = mapped_column(default=0, server_default="0")
    low_stock_threshold: Mapped[int] = mapped_column(default=5, server_default="5")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )

    categories: Mapped[list[Category]] = relationship(
        secondary=product_categories,
        back_populates="products",
        lazy="raise",
        passive_deletes=True,
    )
    # No delete cascade: the database refuses to delete a product that was ordered.
    order_items: Mapped[list[OrderItem]] = relationship(
        back_populates="product", lazy="raise", passive_deletes="all"
    )
