"""Cart lines and checkout idempotency records."""

import abc
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert

from app.models import CartItem, IdempotencyRecord, Product
from app.repositories.base import SqlAlchemyRepository


@dataclass(frozen=True)
class CartEntry:
    """A product in the cart and how many of it."""

    product: Product
    quantity: int


class AbstractCartRepository(abc.ABC):
    """One user's cart."""

    @abc.abstractmethod
    async def entries(self, user_id: int, *, for_update: bool = False) -> Sequence[CartEntry]:
        """The cart's lines with their products, in product id order; locked if asked."""
        raise NotImplementedError

    @abc.abstractmethod
    async def add(self, user_id: int, product_id: int, quantity: int) -> int:
        """Add units of a product (adding to any already there); return the new quantity."""
        raise NotImplementedError

    @abc.abstractmethod
    async def set_quantity(self, user_id: int, product_id: int, quantity: int) -> bool:
        """Set a line's quantity; False if the product is not in the cart."""
        raise NotImplementedError

    @abc.abstractmethod
    async def remove(self, user_id: int, product_id: int) -> bool:
        """Remove a line; False if the product is not in the cart."""
        raise NotImplementedError

    @abc.abstractmethod
    async def clear(self, user_id: int) -> None:
        """Remove every line."""
        raise NotImplementedError


class AbstractIdempotencyRepository(abc.ABC):
    """Stored answers of requests sent with an Idempotency-Key."""

    @abc.abstractmethod
    async def try_lock(self, user_id: int, key: str) -> bool:
        """Claim (user, key) until the transaction ends; False if another request holds it."""
        raise NotImplementedError

    @abc.abstractmethod
    async def get(self, user_id: int, key: str) -> IdempotencyRecord | None:
        """The stored answer for (user, key), or None."""
        raise NotImplementedError

    @abc.abstractmethod
    async def add(self, record: IdempotencyRecord) -> None:
        """Store an answer."""
        raise NotImplementedError


class SqlAlchemyCartRepository(SqlAlchemyRepository, AbstractCartRepository):
    """Carts in PostgreSQL."""

    async def entries(self, user_id: int, *, for_update: bool = False) -> Sequence[CartEntry]:
        """One SELECT of the lines joined to their products."""
        query = (
            select(Product, CartItem.quantity)
            .join(CartItem, CartItem.product_id == Product.id)
            .where(CartItem.user_id == user_id)
            .order_by(Product.id)
        )
        if for_update:
            # The cart's rows: a second checkout of the same cart waits, then finds it empty.
            query = query.with_for_update(of=CartItem)
        found = await self.session.execute(query)
        return [CartEntry(product, quantity) for product, quantity in found.all()]

    async def add(self, user_id: int, product_id: int, quantity: int) -> int:
        """INSERT ... ON CONFLICT DO UPDATE: two concurrent adds both count."""
        new = insert(CartItem).values(user_id=user_id, product_id=product_id, quantity=quantity)
        upsert = new.on_conflict_do_update(
            index_elements=[CartItem.user_id, CartItem.product_id],
            set_={"quantity": CartItem.quantity + new.excluded.quantity},
        ).returning(CartItem.quantity)
        total: int = (await self.session.execute(upsert)).scalar_one()
        return total

    async def set_quantity(self, user_id: int, product_id: int, quantity: int) -> bool:
        """UPDATE one line."""
        found = await self.session.execute(
            update(CartItem)
            .where(CartItem.user_id == user_id, CartItem.product_id == product_id)
            .values(quantity=quantity)
            .returning(CartItem.product_id)
        )
        return found.first() is not None

    async def remove(self, user_id: int, product_id: int) -> bool:
        """DELETE one line."""
        found = await self.session.execute(
            delete(CartItem)
            .where(CartItem.user_id == user_id, CartItem.product_id == product_id)
            .returning(CartItem.product_id)
        )
        return found.first() is not None

    async def clear(self, user_id: int) -> None:
        """DELETE every line of the user's cart."""
        await self.session.execute(delete(CartItem).where(CartItem.user_id == user_id))


class SqlAlchemyIdempotencyRepository(SqlAlchemyRepository, AbstractIdempotencyRepository):
    """Idempotency records in PostgreSQL, claimed with transaction-scoped advisory locks."""

    async def try_lock(self, user_id: int, key: str) -> bool:
        """pg_try_advisory_xact_lock on a 64-bit hash of (user, key): never waits."""
        claim = func.pg_try_advisory_xact_lock(func.hashtextextended(f"{user_id}:{key}", 0))
        return bool((await self.session.execute(select(claim))).scalar())

    async def get(self, user_id: int, key: str) -> IdempotencyRecord | None:
        """SELECT through the unique (user_id, key) index."""
        found = await self.session.execute(
            select(IdempotencyRecord).where(
                IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
            )
        )
        return found.scalar_one_or_none()

    async def add(self, record: IdempotencyRecord) -> None:
        """INSERT now."""
        self.session.add(record)
        await self.session.flush()
