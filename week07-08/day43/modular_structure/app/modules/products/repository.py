"""The only code that writes SQL for products. It flushes, never commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.modules.products.models import Product


class ProductRepository:
    """Products in PostgreSQL, through the request's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, product: Product) -> None:
        """INSERT now (flush), so the new product has its id."""
        self.session.add(product)
        self.session.flush()

    def get(self, product_id: int) -> Product | None:
        """The product with this id, or None."""
        return self.session.get(Product, product_id)

    def list(self) -> Sequence[Product]:
        """Every product, in id order."""
        return self.session.scalars(select(Product).order_by(Product.id)).all()

    def take_stock(self, product_id: int, quantity: int) -> Product | None:
        """Take `quantity` units in one UPDATE, or None if the product has fewer.

        Checking and subtracting in one statement leaves no gap for a concurrent buyer:
        a read, then a write, sold the same last units twice under READ COMMITTED.
        """
        statement = (
            update(Product)
            .where(Product.id == product_id, Product.stock >= quantity)
            .values(stock=Product.stock - quantity)
            .returning(Product)
            # The row PostgreSQL returns replaces any stale copy in the session.
            .execution_options(synchronize_session=False, populate_existing=True)
        )
        return self.session.scalar(statement)
