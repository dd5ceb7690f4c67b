"""Day 42: the report use cases' own rules (date ranges, means), on a fake unit of work."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from app.errors import InvalidInput, NotFound
from app.repositories.reports import SalesTotals, Spending
from app.services import reports
from tests.unit.fakes import FakeUnitOfWork, customer

pytestmark = [
    pytest.mark.day(42),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "A report covers [from_date 00:00 UTC, to_date + 1 day 00:00 UTC); means are "
        "quantized to the cent with ROUND_HALF_UP."
    ),
]


async def test_a_sales_report_asks_for_whole_utc_days_half_open() -> None:
    uow = FakeUnitOfWork()
    await reports.sales_report(uow, date(2026, 3, 1), date(2026, 3, 2))
    await reports.sales_report(uow, date(2026, 3, 3), date(2026, 3, 3))
    expected = [
        (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 3, tzinfo=UTC)),
        (datetime(2026, 3, 3, tzinfo=UTC), datetime(2026, 3, 4, tzinfo=UTC)),
    ]
    got = uow.reports.ranges
    assert got == expected and all(t.utcoffset() is not None for r in got for t in r), (
        f"Called sales_report for 1-2 March and for 3 March. Got ranges {got}, expected "
        f"{expected} (timezone-aware, UTC)"
    )


@pytest.mark.parametrize(
    ("from_date", "to_date", "field"),
    [(date(2026, 3, 2), date(2026, 3, 1), "from_date"), (date(2026, 1, 1), date.max, "to_date")],
)
async def test_a_reversed_or_endless_range_is_invalid_input(
    from_date: date, to_date: date, field: str
) -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(InvalidInput) as refused:
        await reports.sales_report(uow, from_date, to_date)
    got = (refused.value.field, uow.reports.ranges)
    assert got == (field, []), (
        f"Called sales_report({from_date}, {to_date}). Got (field, ranges asked) {got}, "
        f"expected ({field!r}, [])"
    )


async def test_means_are_rounded_half_up_to_the_cent() -> None:
    uow = FakeUnitOfWork()
    user = customer()
    await uow.users.add(user)
    uow.reports.spent = Spending(2, Decimal("10.01"))
    uow.reports.totals = SalesTotals(2, 3, Decimal("0.05"), [])
    spending = await reports.user_spending(uow, user.id)
    sales = await reports.sales_report(uow, date(2026, 3, 1), date(2026, 3, 1))
    got = (
        spending.order_count,
        spending.total_spent,
        spending.average_order_value,
        sales.revenue,
        sales.average_order_value,
    )
    expected = (2, Decimal("10.01"), Decimal("5.01"), Decimal("0.05"), Decimal("0.03"))
    assert got == expected, (
        f"Called user_spending (2 orders, 10.01) and sales_report (2 orders, 0.05). Got {got}, "
        f"expected {expected}: 5.005 and 0.025 round half up"
    )


async def test_no_orders_mean_zero_and_an_unknown_user_is_not_found() -> None:
    uow = FakeUnitOfWork()
    user = customer()
    await uow.users.add(user)
    spending = await reports.user_spending(uow, user.id)
    got = (spending.user_id, spending.order_count, spending.average_order_value)
    assert got == (user.id, 0, Decimal("0.00")), f"Called user_spending with no orders. Got {got}"
    with pytest.raises(NotFound):
        await reports.user_spending(uow, 404)
