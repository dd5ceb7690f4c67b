"""Cart use cases, and checkout: the cart becomes an order and empties, in one transaction."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.errors import Conflict, IdempotencyKeyReused, InvalidInput, NotFound, RequestInProgress
from app.models import IdempotencyRecord, Order, Product
from app.services.orders import OrderLine, create_order
from app.unit_of_work import AbstractUnitOfWork

MAX_UNITS = 1_000
"""Most units of one product a cart may hold."""


@dataclass(frozen=True)
class CartLine:
    """A cart line at the product's current price."""

    product: Product
    quantity: int

    @property
    def line_total(self) -> Decimal:
        """Current unit price times quantity."""
        return self.product.price * self.quantity


@dataclass(frozen=True)
class Cart:
    """A user's cart: its lines and their total at current prices."""

    lines: list[CartLine]

    @property
    def total(self) -> Decimal:
        """The sum of the line totals."""
        return sum((line.line_total for line in self.lines), Decimal("0.00"))


@dataclass(frozen=True)
class StoredAnswer:
    """The answer a checkout gave, replayed for a retry with the same Idempotency-Key."""

    status_code: int
    body: dict[str, Any]


async def _cart(uow: AbstractUnitOfWork, user_id: int) -> Cart:
    entries = await uow.carts.entries(user_id)
    return Cart([CartLine(entry.product, entry.quantity) for entry in entries])


async def get_cart(uow: AbstractUnitOfWork, user_id: int) -> Cart:
    """The user's cart (empty if they never added anything)."""
    async with uow:
        return await _cart(uow, user_id)


async def add_item(uow: AbstractUnitOfWork, user_id: int, product_id: int, quantity: int) -> Cart:
    """Add units of a product; the same product again adds up. NotFound for an unknown
    product, InvalidInput past MAX_UNITS of one product."""
    async with uow:
        if await uow.products.get(product_id) is None:
            raise NotFound("Product", product_id)  # pragma: no mutate
        if await uow.carts.add(user_id, product_id, quantity) > MAX_UNITS:
            raise InvalidInput("quantity", f"A cart holds at most {MAX_UNITS} of one product")
        cart = await _cart(uow, user_id)
        await uow.commit()
    return cart


async def set_quantity(
    uow: AbstractUnitOfWork, user_id: int, product_id: int, quantity: int
) -> Cart:
    """Set a line's quantity; NotFound if the product is not in the cart."""
    async with uow:
        if not await uow.carts.set_quantity(user_id, product_id, quantity):
            raise NotFound("Cart item", product_id)  # pragma: no mutate
        cart = await _cart(uow, user_id)
        await uow.commit()
    return cart


async def remove_item(uow: AbstractUnitOfWork, user_id: int, product_id: int) -> Cart:
    """Remove a line; NotFound if the product is not in the cart."""
    async with uow:
        if not await uow.carts.remove(user_id, product_id):
            raise NotFound("Cart item", product_id)  # pragma: no mutate
        cart = await _cart(uow, user_id)
        await uow.commit()
    return cart


async def clear(uow: AbstractUnitOfWork, user_id: int) -> None:
    """Empty the cart."""
    async with uow:
        await uow.carts.clear(user_id)
        await uow.commit()


async def _checkout(uow: AbstractUnitOfWork, user_id: int, expected_total: Decimal | None) -> Order:
    entries = await uow.carts.entries(user_id, for_update=True)
    if not entries:
        raise Conflict("Your cart is empty")
    total = sum((e.product.price * e.quantity for e in entries), Decimal("0.00"))
    if expected_total is not None and total != expected_total:
        raise Conflict(f"Your cart now totals {total:.2f}, not {expected_total:.2f}")
    lines = [OrderLine(entry.product.id, entry.quantity) for entry in entries]
    order = await create_order(uow, user_id, lines)
    await uow.carts.clear(user_id)
    return order


async def checkout(
    uow: AbstractUnitOfWork, user_id: int, *, expected_total: Decimal | None = None
) -> Order:
    """Turn the cart into an order at current prices and empty it, in one transaction.

    Conflict for an empty cart, or when `expected_total` (what the customer saw) differs
    from the total now; OutOfStock as for any order (the cart then stays as it was).
    """
    async with uow:
        order = await _checkout(uow, user_id, expected_total)
        await uow.commit()
    return order


def request_hash(body: bytes) -> str:
    """What identifies a request for idempotency: the SHA-256 of its canonical body."""
    return hashlib.sha256(body).hexdigest()


async def idempotent_checkout(
    uow: AbstractUnitOfWork,
    user_id: int,
    *,
    key: str,
    body_hash: str,
    expected_total: Decimal | None,
    render: Callable[[Order], dict[str, Any]],
) -> StoredAnswer:
    """Checkout at most once per (user, Idempotency-Key).

    The first request checks out and stores its answer (`render(order)`, status 201) in
    the same transaction as the order. A retry with the same body gets the stored answer;
    with another body IdempotencyKeyReused; while the first is still running
    RequestInProgress. A checkout that failed stored nothing, so its retry runs again.
    """
    async with uow:
        if not await uow.idempotency.try_lock(user_id, key):
            raise RequestInProgress("A request with this Idempotency-Key is still running")
        stored = await uow.idempotency.get(user_id, key)
        if stored is not None:
            if stored.request_hash != body_hash:
                raise IdempotencyKeyReused(
                    "This Idempotency-Key was used with a different request body"
                )
            return StoredAnswer(stored.status_code, stored.response_body)
        order = await _checkout(uow, user_id, expected_total)
        answer = StoredAnswer(201, render(order))
        await uow.idempotency.add(
            IdempotencyRecord(
                user_id=user_id,
                key=key,
                request_hash=body_hash,
                status_code=answer.status_code,
                response_body=answer.body,
            )
        )
        await uow.commit()
    return answer
