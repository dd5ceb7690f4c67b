"""orders' use cases: the cart, checkout, history, status changes; and the public
functions admin and products (through its port) call inside their own transactions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from app.modules.auth import service as auth_service
from app.modules.auth.schemas import Principal
from app.modules.orders.events import OrderPlaced, OrderStatusChanged
from app.modules.orders.models import Order, OrderItem, OrderStatusChange
from app.modules.orders.repository import CartRepository, OrderRepository
from app.modules.orders.schemas import (
    CartLine,
    CartRead,
    DaySales,
    OrderRead,
    OrderStatus,
    SalesReport,
    TopProduct,
)
from app.modules.products import service as products_service
from app.shared.exceptions import Conflict, InvalidInput, NotFound
from app.shared.pagination import Page, PageRequest
from app.shared.unit_of_work import UnitOfWork

MANAGE = "orders:manage"
TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    OrderStatus.PENDING: frozenset({OrderStatus.PAID, OrderStatus.CANCELLED}),
    OrderStatus.PAID: frozenset({OrderStatus.SHIPPED, OrderStatus.CANCELLED}),
    OrderStatus.SHIPPED: frozenset({OrderStatus.DELIVERED}),
    OrderStatus.DELIVERED: frozenset(),
    OrderStatus.CANCELLED: frozenset(),
}
TOP_PRODUCTS = 5


async def _cart(uow: UnitOfWork, user_id: int) -> CartRead:
    lines = await CartRepository(uow.session).lines(user_id)
    products = await products_service.products_by_id(uow, [line.product_id for line in lines])
    items = []
    for line in lines:
        product = products[line.product_id]
        items.append(
            CartLine(
                product_id=product.id,
                name=product.name,
                unit_price=product.price,
                quantity=line.quantity,
                line_total=product.price * line.quantity,
                in_stock=product.stock if product.is_active else 0,
            )
        )
    return CartRead(items=items, total=sum((i.line_total for i in items), start=Decimal(0)))


async def get_cart(uow: UnitOfWork, user: Principal) -> CartRead:
    """The caller's cart at today's prices."""
    async with uow:
        return await _cart(uow, user.id)


async def put_cart_line(
    uow: UnitOfWork, user: Principal, product_id: int, quantity: int
) -> CartRead:
    """Set how many of a product the cart holds; NotFound for a product not for sale.
    Stock is checked at checkout, not here: it may change in between."""
    async with uow:
        if await products_service.available_product(uow, product_id) is None:
            raise NotFound(f"Product {product_id} not found")
        await CartRepository(uow.session).put(user.id, product_id, quantity)
        cart = await _cart(uow, user.id)
        await uow.commit()
    return cart


async def remove_cart_line(uow: UnitOfWork, user: Principal, product_id: int | None) -> CartRead:
    """Remove a product from the cart (every product when `product_id` is None)."""
    async with uow:
        await CartRepository(uow.session).remove(user.id, product_id)
        cart = await _cart(uow, user.id)
        await uow.commit()
    return cart


def _history(order: Order, status: OrderStatus, now: datetime, by: int | None) -> None:
    order.status = status
    order.updated_at = now
    order.history.append(OrderStatusChange(status=status, changed_at=now, changed_by=by))


async def checkout(uow: UnitOfWork, user: Principal, now: datetime) -> OrderRead:
    """Turn the caller's cart into a pending order, stock taken in the same transaction.

    InvalidInput for an empty cart; Conflict `out_of_stock` or `unavailable` for a line
    that cannot be served, and then nothing is taken. The cart's rows are locked, so two
    checkouts of one cart make one order. OrderPlaced is delivered after the commit.
    """
    async with uow:
        carts = CartRepository(uow.session)
        lines = await carts.lines(user.id, lock=True)
        if not lines:
            raise InvalidInput("cart", "Your cart is empty")
        reserved = await products_service.reserve_stock(
            uow, {line.product_id: line.quantity for line in lines}
        )
        order = Order(user_id=user.id, created_at=now, items=[], history=[])
        order.items = [
            OrderItem(
                product_id=r.product_id,
                product_name=r.name,
                quantity=r.quantity,
                unit_price=r.unit_price,
            )
            for r in reserved
        ]
        order.total = sum((r.unit_price * r.quantity for r in reserved), start=Decimal(0))
        _history(order, OrderStatus.PENDING, now, user.id)
        await OrderRepository(uow.session).add(order)
        await carts.remove(user.id)
        read = OrderRead.model_validate(order)
        uow.publish(OrderPlaced(order.id, user.id, user.email, order.total))
        await uow.commit()
    return read


async def list_orders(
    uow: UnitOfWork, page: PageRequest, *, user_id: int | None, status: OrderStatus | None
) -> Page[OrderRead]:
    """Orders of one user (or everyone's, for the back office), newest first."""
    async with uow:
        rows, total = await OrderRepository(uow.session).page(user_id, status, page)
        items = [OrderRead.model_validate(o) for o in rows]
    return Page(items=items, total=total, limit=page.limit, offset=page.offset)


async def list_my_orders(
    uow: UnitOfWork, user: Principal, page: PageRequest, status: OrderStatus | None
) -> Page[OrderRead]:
    """The caller's orders, newest first."""
    return await list_orders(uow, page, user_id=user.id, status=status)


async def _visible(orders: OrderRepository, user: Principal, order_id: int, lock: bool) -> Order:
    order = await orders.get(order_id, lock=lock)
    # Another customer's order is "not found", not "forbidden": its existence is not yours.
    if order is None or (order.user_id != user.id and not user.can(MANAGE)):
        raise NotFound(f"Order {order_id} not found")
    return order


async def get_order(uow: UnitOfWork, user: Principal, order_id: int) -> OrderRead:
    """One of the caller's orders (any order for orders:manage holders); NotFound."""
    async with uow:
        return OrderRead.model_validate(
            await _visible(OrderRepository(uow.session), user, order_id, False)
        )


async def _move(
    uow: UnitOfWork, order: Order, status: OrderStatus, now: datetime, by: int | None
) -> None:
    if status not in TRANSITIONS[order.status]:
        raise Conflict(
            f"Order {order.id} cannot go from {order.status.value} to {status.value}",
            code="invalid_transition",
        )
    if status is OrderStatus.CANCELLED:
        await products_service.release_stock(
            uow, {item.product_id: item.quantity for item in order.items}
        )
    _history(order, status, now, by)
    await uow.session.flush()
    account = await auth_service.get_account(uow, order.user_id)
    uow.publish(
        OrderStatusChanged(order.id, order.user_id, account.email if account else None, status)
    )


async def cancel_order(uow: UnitOfWork, user: Principal, order_id: int, now: datetime) -> OrderRead:
    """Cancel one of your orders while it is pending or paid; its stock goes back.
    NotFound; Conflict `invalid_transition` once it has shipped."""
    async with uow:
        order = await _visible(OrderRepository(uow.session), user, order_id, True)
        await _move(uow, order, OrderStatus.CANCELLED, now, user.id)
        read = OrderRead.model_validate(order)
        await uow.commit()
    return read


async def change_status(
    uow: UnitOfWork, actor: Principal, order_id: int, status: OrderStatus, now: datetime
) -> OrderRead:
    """Move any order along pending -> paid -> shipped -> delivered, or cancel it while
    pending or paid (stock goes back). NotFound; Conflict `invalid_transition`."""
    async with uow:
        order = await _visible(OrderRepository(uow.session), actor, order_id, True)
        await _move(uow, order, status, now, actor.id)
        read = OrderRead.model_validate(order)
        await uow.commit()
    return read


# Public functions for other modules: each runs inside the caller's unit of work.


async def has_received(uow: UnitOfWork, user_id: int, product_id: int) -> bool:
    """Whether a delivered order of the user holds the product: products' PURCHASE_CHECK."""
    return await OrderRepository(uow.session).has_received(user_id, product_id)


async def cancel_open_orders(
    uow: UnitOfWork, user_id: int, actor_id: int, now: datetime
) -> list[int]:
    """Cancel the user's pending and paid orders and return their stock; their ids
    (inside the caller's unit of work)."""
    cancelled = []
    for order in await OrderRepository(uow.session).open_orders(user_id):
        await _move(uow, order, OrderStatus.CANCELLED, now, actor_id)
        cancelled.append(order.id)
    return cancelled


async def sales_report(uow: UnitOfWork, date_from: date, date_to: date) -> SalesReport:
    """Sales of paid, shipped and delivered orders from `date_from` to `date_to`, both
    included (UTC days) (inside the caller's unit of work)."""
    if date_to < date_from:
        raise InvalidInput("date_to", "date_to is before date_from")
    start = datetime.combine(date_from, time.min, tzinfo=UTC)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=UTC)
    orders = OrderRepository(uow.session)
    count, revenue = await orders.totals(start, end)
    revenue = Decimal(str(revenue))
    return SalesReport(
        date_from=date_from,
        date_to=date_to,
        orders=count,
        revenue=revenue,
        average_order_value=(revenue / count).quantize(Decimal("0.01")) if count else None,
        by_status=await orders.by_status(start, end),
        by_day=[
            DaySales(day=day, orders=n, revenue=Decimal(str(total)))
            for day, n, total in await orders.by_day(start, end)
        ],
        top_products=[
            TopProduct(product_id=pid, name=name, quantity=units, revenue=Decimal(str(total)))
            for pid, name, units, total in await orders.top_products(start, end, TOP_PRODUCTS)
        ],
    )
