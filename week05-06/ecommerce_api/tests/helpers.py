"""Test data written with plain SQL (not the app's code), so each day's tests depend only
on the schema and on the code that day teaches."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

_numbers = itertools.count(1)


@dataclass(frozen=True)
class Person:
    """A user in the database and the headers that authenticate as them."""

    id: int
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """`Authorization: Bearer <token>`."""
        return {"Authorization": f"Bearer {self.token}"}


class Shop:
    """Rows for a test, inserted through a session or connection (rolled back or committed
    as that session is)."""

    def __init__(self, db: AsyncSession | AsyncConnection) -> None:
        self.db = db

    async def _keep(self) -> None:
        """On a test session, commit (it releases a SAVEPOINT): a later request that rolls
        back its own work must not take the test's rows with it. The outer transaction
        still rolls everything back after the test."""
        if isinstance(self.db, AsyncSession):
            await self.db.commit()

    async def scalar(self, sql: str, **params: Any) -> Any:
        """Run one statement; its first column of its first row."""
        return (await self.db.execute(text(sql), params)).scalar()

    async def execute(self, sql: str, **params: Any) -> None:
        """Run one statement that returns no rows (kept, as the inserts are)."""
        await self.db.execute(text(sql), params)
        await self._keep()

    async def rows(self, sql: str, **params: Any) -> list[Any]:
        """Run one statement; all its rows."""
        return list((await self.db.execute(text(sql), params)).all())

    async def user(self, role: str = "customer", token: str | None = None) -> Person:
        """A user with an API token (stored as its SHA-256, as the app stores it)."""
        n = next(_numbers)
        token = token or f"token-{n}-{'x' * 20}"
        user_id = await self.scalar(
            "INSERT INTO users (email, name, role, token_hash) "
            "VALUES (:email, :name, CAST(:role AS user_role), :hash) RETURNING id",
            email=f"user{n}@example.com",
            name=f"User {n}",
            role=role,
            hash=hashlib.sha256(token.encode()).hexdigest(),
        )
        await self._keep()
        return Person(user_id, token)

    async def category(self, name: str | None = None) -> int:
        """A category; returns its id."""
        n = next(_numbers)
        category_id = int(
            await self.scalar(
                "INSERT INTO categories (name) VALUES (:name) RETURNING id",
                name=name or f"Category {n}",
            )
        )
        await self._keep()
        return category_id

    async def product(
        self,
        price: str = "10.00",
        stock: int = 10,
        *,
        name: str | None = None,
        threshold: int = 0,
        categories: tuple[int, ...] = (),
    ) -> int:
        """A product; returns its id."""
        n = next(_numbers)
        product_id = int(
            await self.scalar(
                "INSERT INTO products (name, price, stock, low_stock_threshold) "
                "VALUES (:name, :price, :stock, :threshold) RETURNING id",
                name=name or f"Product {n}",
                price=Decimal(price),
                stock=stock,
                threshold=threshold,
            )
        )
        for category_id in categories:
            await self.db.execute(
                text("INSERT INTO product_categories VALUES (:p, :c)"),
                {"p": product_id, "c": category_id},
            )
        await self._keep()
        return product_id

    async def order(
        self,
        user_id: int,
        lines: list[tuple[int, int, str]],
        *,
        status: str = "pending",
        created_at: datetime | None = None,
    ) -> int:
        """An order of (product_id, quantity, unit_price) lines, total their exact sum."""
        total = sum((Decimal(price) * quantity for _, quantity, price in lines), Decimal(0))
        order_id = int(
            await self.scalar(
                "INSERT INTO orders (user_id, status, total, created_at) "
                "VALUES (:u, CAST(:s AS order_status), :t, coalesce(:c, clock_timestamp())) "
                "RETURNING id",
                u=user_id,
                s=status,
                t=total,
                c=created_at,
            )
        )
        for product_id, quantity, price in lines:
            await self.db.execute(
                text(
                    "INSERT INTO order_items (order_id, product_id, quantity, unit_price) "
                    "VALUES (:o, :p, :q, :price)"
                ),
                {"o": order_id, "p": product_id, "q": quantity, "price": Decimal(price)},
            )
        await self._keep()
        return order_id

    async def stock(self, product_id: int) -> int:
        """A product's stock now."""
        return int(await self.scalar("SELECT stock FROM products WHERE id = :id", id=product_id))
