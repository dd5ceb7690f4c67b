"""Day 41: the cart and checkout on a fake unit of work, with a property-based total check."""

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import (
    Conflict,
    IdempotencyKeyReused,
    InvalidInput,
    NotFound,
    OutOfStock,
    RequestInProgress,
)
from app.models import Order
from app.services import cart
from tests.unit.fakes import FakeUnitOfWork, add_product

pytestmark = [
    pytest.mark.day(41),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "checkout: lock the cart's lines, build the order with create_order (current prices), "
        "clear the cart, commit once."
    ),
]


async def test_the_same_product_twice_adds_up_and_lines_can_change_and_go() -> None:
    uow = FakeUnitOfWork()
    pen, ink = await add_product(uow, "2.00"), await add_product(uow, "3.00")
    await cart.add_item(uow, 1, pen.id, 1)
    current = await cart.add_item(uow, 1, pen.id, 2)
    assert [(line.product.id, line.quantity) for line in current.lines] == [(pen.id, 3)]
    await cart.add_item(uow, 1, ink.id, 1)
    current = await cart.set_quantity(uow, 1, ink.id, 4)
    assert current.total == Decimal("18.00"), (
        f"Called set_quantity. Got total {current.total}, expected 18.00"
    )
    current = await cart.remove_item(uow, 1, pen.id)
    assert [line.product.id for line in current.lines] == [ink.id]
    await cart.clear(uow, 1)
    assert (await cart.get_cart(uow, 1)).lines == [], "Called clear. Got lines left"


async def test_unknown_products_missing_lines_and_too_many_units_are_refused() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow)
    with pytest.raises(NotFound):
        await cart.add_item(uow, 1, 404, 1)
    with pytest.raises(NotFound):
        await cart.set_quantity(uow, 1, pen.id, 2)
    with pytest.raises(NotFound):
        await cart.remove_item(uow, 1, pen.id)
    await cart.add_item(uow, 1, pen.id, 1000)
    with pytest.raises(InvalidInput) as refused:
        await cart.add_item(uow, 1, pen.id, 1)
    assert refused.value.field == "quantity", (
        f"Called add_item past 1000 units. Got field {refused.value.field!r}, expected 'quantity'"
    )


async def test_checkout_uses_the_prices_current_at_checkout_and_empties_the_cart() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, "2.00", stock=5)
    await cart.add_item(uow, 1, pen.id, 2)
    pen.price = Decimal("2.50")
    commits = uow.commits
    order = await cart.checkout(uow, 1)
    got = (
        order.total,
        order.items[0].unit_price,
        pen.stock,
        (await cart.get_cart(uow, 1)).lines,
        uow.commits - commits,
    )
    assert got == (Decimal("5.00"), Decimal("2.50"), 3, [], 1), f"Called checkout. Got {got}"
    assert uow.carts.locked == [1], (
        f"Called checkout of user 1's cart. Got locked cart reads {uow.carts.locked}, expected "
        "[1]: read the lines with entries(user_id, for_update=True)"
    )


async def test_checkout_refuses_an_empty_cart_a_changed_total_and_missing_stock() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(Conflict):
        await cart.checkout(uow, 1)
    pen = await add_product(uow, "2.00", stock=1)
    await cart.add_item(uow, 1, pen.id, 2)
    with pytest.raises(Conflict):
        await cart.checkout(uow, 1, expected_total=Decimal("3.00"))
    commits = uow.commits
    with pytest.raises(OutOfStock):
        await cart.checkout(uow, 1, expected_total=Decimal("4.00"))
    lines = [(line.product.id, line.quantity) for line in (await cart.get_cart(uow, 1)).lines]
    assert (uow.commits, lines) == (commits, [(pen.id, 2)]), (
        f"Called checkout short of stock. Got {(uow.commits, lines)}"
    )


carts = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=99_999_999), st.integers(min_value=1, max_value=1000)
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(lines=carts)
async def test_order_total_is_exactly_the_sum_of_price_times_quantity(
    lines: list[tuple[int, int]],
) -> None:
    uow = FakeUnitOfWork()
    expected = Decimal("0.00")
    for cents, quantity in lines:
        product = await add_product(uow, f"{Decimal(cents) / 100:.2f}", stock=quantity)
        await cart.add_item(uow, 1, product.id, quantity)
        expected += product.price * quantity
    try:
        order = await cart.checkout(uow, 1, expected_total=expected)
    except InvalidInput:
        assert expected > Decimal("9999999999.99"), (
            f"Called checkout of {expected}. Got InvalidInput"
        )
        return
    by_lines = sum((item.unit_price * item.quantity for item in order.items), Decimal("0.00"))
    assert order.total == by_lines == expected, (
        f"Called checkout. Got total {order.total}, lines {by_lines}, expected {expected}"
    )
    assert order.total.as_tuple().exponent == -2, (
        f"Called checkout. Got {order.total!r}, expected two decimals"
    )


def _render(order: Order) -> dict[str, Any]:
    return {"id": order.id, "total": f"{order.total:.2f}"}


async def test_idempotent_checkout_answers_once_per_key_and_body() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, "2.00", stock=10)
    await cart.add_item(uow, 1, pen.id, 1)
    first = await cart.idempotent_checkout(
        uow, 1, key="k", body_hash="h", expected_total=None, render=_render
    )
    await cart.add_item(uow, 1, pen.id, 1)
    again = await cart.idempotent_checkout(
        uow, 1, key="k", body_hash="h", expected_total=None, render=_render
    )
    assert (first, len(uow.orders.rows)) == (again, 1), (
        f"Called checkout twice with key k. Got {first}, {again}"
    )
    with pytest.raises(IdempotencyKeyReused):
        await cart.idempotent_checkout(
            uow, 1, key="k", body_hash="other", expected_total=None, render=_render
        )
    uow.idempotency.held.add((1, "busy"))
    with pytest.raises(RequestInProgress):
        await cart.idempotent_checkout(
            uow, 1, key="busy", body_hash="h", expected_total=None, render=_render
        )


async def test_an_idempotent_checkout_also_refuses_a_changed_total() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, "2.00", stock=10)
    await cart.add_item(uow, 1, pen.id, 2)
    with pytest.raises(Conflict):
        await cart.idempotent_checkout(
            uow, 1, key="k", body_hash="h", expected_total=Decimal("3.00"), render=_render
        )
    assert (uow.orders.rows, uow.idempotency.rows) == ({}, {}), (
        "Called idempotent_checkout with a stale expected_total. Got an order or a stored answer"
    )
    answer = await cart.idempotent_checkout(
        uow, 1, key="k", body_hash="h", expected_total=Decimal("4.00"), render=_render
    )
    assert answer.status_code == 201, f"Called it with the right total. Got {answer}"
