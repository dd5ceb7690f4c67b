"""Order use cases: place an order (stock checked and taken in one transaction), read the
history, and move an order through its status workflow."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from app.errors import InvalidInput, InvalidTransition, NotFound, NotPermitted, OutOfStock
from app.models import Order, OrderItem, OrderStatus, User, UserRole
from app.repositories.pagination import Page, PageRequest
from app.unit_of_work import AbstractUnitOfWork

MAX_TOTAL = Decimal("9999999999.99")
"""The largest amount NUMERIC(12,2) holds."""


@dataclass(frozen=True)
class OrderLine:
    """One product of an order being placed, and how many units."""

    product_id: int
    quantity: int


def merge_lines(lines: Sequence[OrderLine]) -> dict[int, int]:
    """Units wanted per product id: a product named twice counts once, quantities added."""
    wanted: dict[int, int] = {}
    for line in lines:
        wanted[line.product_id] = wanted.get(line.product_id, 0) + line.quantity
    return wanted


async def create_order(uow: AbstractUnitOfWork, user_id: int, lines: Sequence[OrderLine]) -> Order:
    """Add an order for these lines, taking their stock; the caller commits.

    Lines of the same product are merged; every product is locked by one
    `uow.products.lock(ids)` call; every line is checked (InvalidInput for no lines or an
    unknown product, OutOfStock) before any stock changes. Unit prices are the products'
    prices now, copied into the lines; the total is their exact sum (InvalidInput past
    MAX_TOTAL).
    """
    wanted = merge_lines(lines)
    if not wanted:
        raise InvalidInput("items", "An order needs at least one item")
    products = {product.id: product for product in await uow.products.lock(list(wanted))}
    for product_id in sorted(wanted):  # check every line before touching any stock
        product = products.get(product_id)
        if product is None:
            raise InvalidInput("items", f"Product {product_id} does not exist")
        if product.stock < wanted[product_id]:
            raise OutOfStock(product_id, wanted[product_id], product.stock)
    items = []
    for product_id in sorted(wanted):
        product = products[product_id]
        product.stock -= wanted[product_id]
        items.append(
            OrderItem(product_id=product_id, quantity=wanted[product_id], unit_price=product.price)
        )
    total = sum((item.unit_price * item.quantity for item in items), Decimal("0.00"))
    if total > MAX_TOTAL:
        raise InvalidInput("items", "The order total is too large")
    order = Order(user_id=user_id, status=OrderStatus.PENDING, total=total, items=items)
    await uow.orders.add(order)
    return order


async def place_order(uow: AbstractUnitOfWork, user_id: int, lines: Sequence[OrderLine]) -> Order:
    """Place an order from explicit lines and commit; OutOfStock or InvalidInput otherwise."""
    async with uow:
        order = await create_order(uow, user_id, lines)
        await uow.commit()
    return order


async def get_order(uow: AbstractUnitOfWork, actor: User, order_id: int) -> Order:
    """An order with its lines; NotFound unless it is the actor's own or the actor is admin."""
    async with uow:
        order = await uow.orders.get(order_id)
    if order is None or (actor.role is not UserRole.ADMIN and order.user_id != actor.id):
        raise NotFound("Order", order_id)  # pragma: no mutate
    return order


async def list_orders(uow: AbstractUnitOfWork, user_id: int, page: PageRequest) -> Page[Order]:
    """A user's order history, newest first."""
    async with uow:
        return await uow.orders.list_for_user(user_id, page)


def next_statuses(status: OrderStatus) -> frozenset[OrderStatus]:
    """Where an order may go from `status`: pending -> paid -> shipped -> delivered, and
    pending or paid -> cancelled. Delivered and cancelled are final."""
    return {
        OrderStatus.PENDING: frozenset({OrderStatus.PAID, OrderStatus.CANCELLED}),
        OrderStatus.PAID: frozenset({OrderStatus.SHIPPED, OrderStatus.CANCELLED}),
        OrderStatus.SHIPPED: frozenset({OrderStatus.DELIVERED}),
        OrderStatus.DELIVERED: frozenset(),
        OrderStatus.CANCELLED: frozenset(),
    }[status]


CUSTOMER_STATUSES = frozenset({OrderStatus.PAID, OrderStatus.CANCELLED})
"""What a customer may do to their own order: pay it, cancel it. Shipping is the shop's."""


async def change_status(
    uow: AbstractUnitOfWork, actor: User, order_id: int, status: OrderStatus
) -> Order:
    """Move an order to `status`, with the order row locked so two requests cannot both
    succeed; cancelling puts the stock back.

    NotFound for someone else's order (a customer), NotPermitted when a customer asks for
    shipped or delivered, InvalidTransition for any move next_statuses does not allow.
    """
    async with uow:
        order = await uow.orders.get(order_id, for_update=True)
        is_admin = actor.role is UserRole.ADMIN
        if order is None or (not is_admin and order.user_id != actor.id):
            raise NotFound("Order", order_id)  # pragma: no mutate
        if not is_admin and status not in CUSTOMER_STATUSES:
            raise NotPermitted(f"Only an admin can mark an order {status.value}")
        if status not in next_statuses(order.status):
            raise InvalidTransition(order.id, order.status.value, status.value)
        if status is OrderStatus.CANCELLED:
            wanted = {item.product_id: item.quantity for item in order.items}
            for product in await uow.products.lock(list(wanted)):
                product.stock += wanted[product.id]
        order.status = status
        await uow.commit()
    return order
