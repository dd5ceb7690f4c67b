"""Analytics use cases (admins): top sellers, one user's spending, sales over dates."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from app.errors import InvalidInput, NotFound
from app.repositories.reports import DailySales, TopSeller
from app.unit_of_work import AbstractUnitOfWork


@dataclass(frozen=True)
class UserSpending:
    """What a user has paid for: orders, their sum, and the mean order value."""

    user_id: int
    order_count: int
    total_spent: Decimal
    average_order_value: Decimal


@dataclass(frozen=True)
class SalesReport:
    """Sales of the days from_date to to_date, both included."""

    from_date: date
    to_date: date
    order_count: int
    units_sold: int
    revenue: Decimal
    average_order_value: Decimal
    days: list[DailySales]


def _mean(total: Decimal, count: int) -> Decimal:
    """total / count to the cent, half up; 0.00 for no orders."""
    if count == 0:
        return Decimal("0.00")
    return (total / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def day_range(from_date: date, to_date: date) -> tuple[datetime, datetime]:
    """The half-open UTC range [from_date 00:00, the day after to_date 00:00): to_date's
    last second is included, its successor's midnight is not."""
    if from_date > to_date:
        raise InvalidInput("from_date", "from_date must not be after to_date")
    start = datetime.combine(from_date, time.min, tzinfo=UTC)
    if to_date == date.max:
        raise InvalidInput("to_date", "to_date must be before 9999-12-31")
    end = datetime.combine(to_date + timedelta(days=1), time.min, tzinfo=UTC)
    return start, end


async def top_selling(uow: AbstractUnitOfWork, limit: int) -> list[TopSeller]:
    """The best sellers by units, ties sharing a rank (1, 1, 3); ranks up to `limit`."""
    async with uow:
        return await uow.reports.top_selling(limit)


async def user_spending(uow: AbstractUnitOfWork, user_id: int) -> UserSpending:
    """A user's paid, shipped and delivered orders; NotFound for an unknown user."""
    async with uow:
        if await uow.users.get(user_id) is None:
            raise NotFound("User", user_id)  # pragma: no mutate
        spending = await uow.reports.spending(user_id)
    return UserSpending(
        user_id=user_id,
        order_count=spending.order_count,
        total_spent=spending.total_spent,
        average_order_value=_mean(spending.total_spent, spending.order_count),
    )


async def sales_report(uow: AbstractUnitOfWork, from_date: date, to_date: date) -> SalesReport:
    """Sales from from_date to to_date (UTC days, both included)."""
    start, end = day_range(from_date, to_date)
    async with uow:
        totals = await uow.reports.sales(start, end)
    return SalesReport(
        from_date=from_date,
        to_date=to_date,
        order_count=totals.order_count,
        units_sold=totals.units_sold,
        revenue=totals.revenue,
        average_order_value=_mean(totals.revenue, totals.order_count),
        days=totals.days,
    )
