"""Test data written with plain SQL and tokens signed with python-jose directly, so each
day's tests depend only on the schema and on the code that day teaches."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

from argon2 import PasswordHasher as Argon2Hasher
from jose import jwt
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from app.config import Settings

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


@cache
def password_hash(password: str = PASSWORD) -> str:
    """An argon2id hash at the tests' cost (computed once per password)."""
    return Argon2Hasher(time_cost=1, memory_cost=8, parallelism=1).hash(password)


def claims(
    settings: Settings, user_id: int, session_id: uuid.UUID, **changes: Any
) -> dict[str, Any]:
    """A valid access token's claims; `changes` replace (or, with None, drop) some."""
    now = int(datetime.now(UTC).timestamp())
    values: dict[str, Any] = {
        "sub": str(user_id),
        "type": "access",
        "jti": str(uuid.uuid4()),
        "sid": str(session_id),
        "iat": now,
        "exp": now + 600,
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def sign(payload: dict[str, Any], key: str, algorithm: str = "HS256") -> str:
    """A JWT of `payload` signed with `key`."""
    return jwt.encode(payload, key, algorithm=algorithm)


def bearer(token: str) -> dict[str, str]:
    """`Authorization: Bearer <token>`."""
    return {"Authorization": f"Bearer {token}"}


@dataclass(frozen=True)
class Person:
    """A user in the database, a live session of theirs, and an access token for it."""

    id: int
    email: str
    password: str
    session_id: uuid.UUID
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """`Authorization: Bearer <access token>`."""
        return bearer(self.token)


class Shop:
    """Rows for a test, inserted through a session or connection (rolled back or committed
    as that session is)."""

    def __init__(self, db: AsyncSession | AsyncConnection, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    async def keep(self) -> None:
        """On a test session, commit (it releases a SAVEPOINT): a later request that rolls
        back its own work must not take the test's rows with it."""
        if isinstance(self.db, AsyncSession):
            await self.db.commit()

    async def scalar(self, sql: str, **params: Any) -> Any:
        """Run one statement; its first column of its first row."""
        return (await self.db.execute(text(sql), params)).scalar()

    async def execute(self, sql: str, **params: Any) -> None:
        """Run one statement and keep its effect."""
        await self.db.execute(text(sql), params)
        await self.keep()

    async def user(
        self,
        role: str = "customer",
        *,
        email: str | None = None,
        password: str = PASSWORD,
        password_hash_: str | None = None,
    ) -> Person:
        """A user of `role` with a live session and an access token."""
        n = next(_numbers)
        email = email or f"user{n}-{uuid.uuid4().hex[:8]}@example.com"
        user_id = await self.scalar(
            "INSERT INTO users (email, password_hash, role_id) "
            "SELECT :email, :hash, id FROM roles WHERE name = :role RETURNING id",
            email=email,
            hash=password_hash_ or password_hash(password),
            role=role,
        )
        assert user_id is not None, f"no role {role!r}"
        session_id = await self.session(user_id)
        token = sign(claims(self.settings, user_id, session_id), self.secret)
        return Person(user_id, email, password, session_id, token)

    @property
    def secret(self) -> str:
        """The test app's signing key."""
        return self.settings.jwt_secret_key.get_secret_value()

    async def session(self, user_id: int, days: int = 30) -> uuid.UUID:
        """A live login session of the user."""
        session_id = uuid.uuid4()
        now = datetime.now(UTC)
        await self.execute(
            "INSERT INTO auth_sessions (id, user_id, created_at, expires_at) "
            "VALUES (:id, :user, :now, :end)",
            id=session_id,
            user=user_id,
            now=now,
            end=now + timedelta(days=days),
        )
        return session_id

    async def category(self, name: str | None = None) -> int:
        """A category; its id."""
        category_id = await self.scalar(
            "INSERT INTO categories (name) VALUES (:name) RETURNING id",
            name=name or f"Category {next(_numbers)}",
        )
        await self.keep()
        return int(category_id)

    async def product(
        self,
        price: str = "10.00",
        stock: int = 10,
        *,
        name: str | None = None,
        category_id: int | None = None,
        active: bool = True,
    ) -> int:
        """A product; its id."""
        product_id = await self.scalar(
            "INSERT INTO products (name, price, stock, category_id, is_active) "
            "VALUES (:name, :price, :stock, :category, :active) RETURNING id",
            name=name or f"Product {next(_numbers)}",
            price=Decimal(price),
            stock=stock,
            category=category_id,
            active=active,
        )
        await self.keep()
        return int(product_id)

    async def cart(self, user_id: int, product_id: int, quantity: int = 1) -> None:
        """Put a product in the user's cart."""
        await self.execute(
            "INSERT INTO cart_items (user_id, product_id, quantity) VALUES (:u, :p, :q)",
            u=user_id,
            p=product_id,
            q=quantity,
        )

    async def order(
        self,
        user_id: int,
        lines: list[tuple[int, int, str]],
        *,
        status: str = "pending",
        created_at: datetime | None = None,
    ) -> int:
        """An order of (product id, quantity, unit price) lines; its id."""
        when = created_at or datetime.now(UTC)
        total = sum((Decimal(price) * qty for _, qty, price in lines), start=Decimal(0))
        order_id = await self.scalar(
            "INSERT INTO orders (user_id, status, total, created_at, updated_at) "
            "VALUES (:u, CAST(:s AS order_status), :t, :w, :w) RETURNING id",
            u=user_id,
            s=status,
            t=total,
            w=when,
        )
        for product_id, quantity, price in lines:
            await self.db.execute(
                text(
                    "INSERT INTO order_items (order_id, product_id, product_name, quantity, "
                    "unit_price) SELECT :o, id, name, :q, :p FROM products WHERE id = :pid"
                ),
                {"o": order_id, "q": quantity, "p": Decimal(price), "pid": product_id},
            )
        await self.db.execute(
            text(
                "INSERT INTO order_status_changes (order_id, status, changed_at) "
                "VALUES (:o, CAST(:s AS order_status), :w)"
            ),
            {"o": order_id, "s": status, "w": when},
        )
        await self.keep()
        return int(order_id)
