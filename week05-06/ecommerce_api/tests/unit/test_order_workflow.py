"""Day 39: the order status workflow, every (from, to) pair, on a fake unit of work."""

import itertools

import pytest

from app.errors import InvalidTransition, NotFound, NotPermitted
from app.models import OrderStatus
from app.services import orders
from app.services.orders import OrderLine
from tests.unit.fakes import FakeUnitOfWork, add_product, admin, customer

pytestmark = [
    pytest.mark.day(39),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "next_statuses: pending -> paid|cancelled, paid -> shipped|cancelled, shipped -> "
        "delivered; nothing leaves delivered or cancelled. Cancelling returns the stock."
    ),
]

ALLOWED = {
    (OrderStatus.PENDING, OrderStatus.PAID),
    (OrderStatus.PENDING, OrderStatus.CANCELLED),
    (OrderStatus.PAID, OrderStatus.SHIPPED),
    (OrderStatus.PAID, OrderStatus.CANCELLED),
    (OrderStatus.SHIPPED, OrderStatus.DELIVERED),
}


@pytest.mark.parametrize(("current", "requested"), list(itertools.product(OrderStatus, repeat=2)))
async def test_every_pair_of_statuses(current: OrderStatus, requested: OrderStatus) -> None:
    uow = FakeUnitOfWork()
    product = await add_product(uow, stock=10)
    order = await orders.place_order(uow, 1, [OrderLine(product.id, 3)])
    order.status = current
    commits = uow.commits
    if (current, requested) in ALLOWED:
        changed = await orders.change_status(uow, admin(), order.id, requested)
        got = (changed.status, uow.commits - commits)
        assert got == (requested, 1), f"Called change_status {current} -> {requested}. Got {got}"
    else:
        with pytest.raises(InvalidTransition) as refused:
            await orders.change_status(uow, admin(), order.id, requested)
        assert (order.status, uow.commits) == (current, commits), (
            f"Called change_status {current} -> {requested}. Got status {order.status}, "
            "expected InvalidTransition and nothing changed"
        )
        named = (refused.value.current, refused.value.requested)
        assert named == (current.value, requested.value), (
            f"Called change_status {current} -> {requested}. Got InvalidTransition (current, "
            f"requested) {named}, expected {(current.value, requested.value)}"
        )


@pytest.mark.parametrize("current", [OrderStatus.PENDING, OrderStatus.PAID])
async def test_cancelling_returns_the_stock(current: OrderStatus) -> None:
    uow = FakeUnitOfWork()
    product = await add_product(uow, stock=10)
    order = await orders.place_order(uow, 1, [OrderLine(product.id, 4)])
    order.status = current
    await orders.change_status(uow, customer(1), order.id, OrderStatus.CANCELLED)
    assert product.stock == 10, (
        f"Called cancel on a {current} order of 4. Got stock {product.stock}, expected 10"
    )


async def test_customers_pay_and_cancel_their_own_orders_only() -> None:
    uow = FakeUnitOfWork()
    product = await add_product(uow, stock=10)
    order = await orders.place_order(uow, 1, [OrderLine(product.id, 1)])
    with pytest.raises(NotFound):
        await orders.change_status(uow, customer(2), order.id, OrderStatus.PAID)
    with pytest.raises(NotPermitted):
        await orders.change_status(uow, customer(1), order.id, OrderStatus.SHIPPED)
    paid = await orders.change_status(uow, customer(1), order.id, OrderStatus.PAID)
    assert paid.status is OrderStatus.PAID, f"Called pay by the owner. Got {paid.status}"
