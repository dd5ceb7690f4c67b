"""Day 37: placing orders and reading them, on a fake unit of work (no database)."""

from decimal import Decimal

import pytest

from app.errors import InvalidInput, NotFound, OutOfStock
from app.services import orders
from app.services.orders import OrderLine
from tests.unit.fakes import FakeUnitOfWork, add_product, admin, customer

pytestmark = [
    pytest.mark.day(37),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "place_order: merge the lines, lock the products, check every line, then take the "
        "stock and copy each price into its line; commit once."
    ),
]


async def test_places_an_order_at_current_prices_and_takes_the_stock() -> None:
    uow = FakeUnitOfWork()
    pen, ink = await add_product(uow, "1.10", 10), await add_product(uow, "3.35", 5)
    order = await orders.place_order(uow, 7, [OrderLine(pen.id, 3), OrderLine(ink.id, 2)])
    got = (
        order.user_id,
        order.total,
        [(i.product_id, i.quantity, i.unit_price) for i in order.items],
        (pen.stock, ink.stock),
        uow.commits,
    )
    expected = (
        7,
        Decimal("10.00"),
        [(pen.id, 3, Decimal("1.10")), (ink.id, 2, Decimal("3.35"))],
        (7, 3),
        1,
    )
    assert got == expected, f"Called place_order. Got {got}, expected {expected}"


async def test_a_product_named_twice_becomes_one_line() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, "2.00", 10)
    order = await orders.place_order(uow, 1, [OrderLine(pen.id, 1), OrderLine(pen.id, 4)])
    lines = [(i.product_id, i.quantity) for i in order.items]
    assert lines == [(pen.id, 5)], (
        f"Called place_order with a product twice. Got {lines}, expected one line of 5"
    )


async def test_out_of_stock_on_the_second_line_changes_nothing() -> None:
    uow = FakeUnitOfWork()
    plenty, scarce = await add_product(uow, stock=10), await add_product(uow, stock=1)
    with pytest.raises(OutOfStock) as refused:
        await orders.place_order(uow, 1, [OrderLine(plenty.id, 2), OrderLine(scarce.id, 2)])
    got = (refused.value.product_id, plenty.stock, scarce.stock, uow.commits, len(uow.orders.rows))
    expected = (scarce.id, 10, 1, 0, 0)
    assert got == expected, (
        f"Called place_order with a second line out of stock. Got (product, stocks, commits, "
        f"orders) {got}, expected {expected}"
    )


async def test_products_are_locked_in_id_order_whatever_the_line_order() -> None:
    uow = FakeUnitOfWork()
    first, second = await add_product(uow), await add_product(uow)
    await orders.place_order(uow, 1, [OrderLine(second.id, 1), OrderLine(first.id, 1)])
    assert uow.products.locked == [[first.id, second.id]], (
        f"Called place_order with lines [{second.id}, {first.id}]. "
        f"Got locks {uow.products.locked}, expected one lock call in id order"
    )


@pytest.mark.parametrize("lines", [[], [OrderLine(404, 1)]])
async def test_an_empty_order_or_an_unknown_product_is_invalid_input(
    lines: list[OrderLine],
) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput):
        await orders.place_order(uow, 1, lines)
    assert uow.commits == 0, f"Called place_order({lines}). Got {uow.commits} commits, expected 0"


async def test_history_holds_only_the_users_own_orders_and_others_are_not_found() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, stock=10)
    mine = await orders.place_order(uow, 1, [OrderLine(pen.id, 1)])
    theirs = await orders.place_order(uow, 2, [OrderLine(pen.id, 1)])
    from app.repositories.pagination import PageRequest

    history = await orders.list_orders(uow, 1, PageRequest())
    assert [o.id for o in history.items] == [mine.id], f"Called list_orders(1). Got {history.items}"
    with pytest.raises(NotFound):
        await orders.get_order(uow, customer(1), theirs.id)
    seen = await orders.get_order(uow, admin(), theirs.id)
    assert seen.id == theirs.id, f"Called get_order as admin. Got {seen.id}, expected {theirs.id}"


async def test_out_of_stock_says_what_was_requested_and_what_is_available() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, stock=3)
    with pytest.raises(OutOfStock) as refused:
        await orders.place_order(uow, 1, [OrderLine(pen.id, 2), OrderLine(pen.id, 2)])
    got = (refused.value.product_id, refused.value.requested, refused.value.available)
    assert got == (pen.id, 4, 3), (
        f"Called place_order for 2 + 2 of a product with stock 3. Got OutOfStock "
        f"(product_id, requested, available) {got}, expected ({pen.id}, 4, 3)"
    )


async def test_the_whole_stock_can_be_ordered() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, stock=3)
    await orders.place_order(uow, 1, [OrderLine(pen.id, 3)])
    assert pen.stock == 0, f"Called place_order for all 3 units. Got stock {pen.stock}, expected 0"


async def test_a_total_up_to_the_largest_amount_is_placed_and_past_it_refused() -> None:
    uow = FakeUnitOfWork()
    big = await add_product(uow, "9999999999.98", stock=2)
    cent = await add_product(uow, "0.01", stock=5)
    order = await orders.place_order(uow, 1, [OrderLine(big.id, 1), OrderLine(cent.id, 1)])
    assert order.total == Decimal("9999999999.99"), (
        f"Called place_order totalling 9999999999.99. Got {order.total}"
    )
    with pytest.raises(InvalidInput) as refused:
        await orders.place_order(uow, 1, [OrderLine(big.id, 1), OrderLine(cent.id, 2)])
    assert refused.value.field == "items", (
        f"Called place_order totalling 10000000000.00. Got field {refused.value.field!r}, "
        "expected 'items'"
    )


@pytest.mark.parametrize("lines", [[], [OrderLine(404, 1)]])
async def test_invalid_input_of_an_order_names_its_items(lines: list[OrderLine]) -> None:
    with pytest.raises(InvalidInput) as refused:
        await orders.place_order(FakeUnitOfWork(), 1, lines)
    assert refused.value.field == "items", (
        f"Called place_order({lines}). Got field {refused.value.field!r}, expected 'items'"
    )


async def test_customers_read_their_own_orders() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, stock=10)
    mine = await orders.place_order(uow, 1, [OrderLine(pen.id, 1)])
    seen = await orders.get_order(uow, customer(1), mine.id)
    assert seen is mine, f"Called get_order of your own order. Got {seen}"
    with pytest.raises(NotFound):
        await orders.get_order(uow, admin(), 404)
