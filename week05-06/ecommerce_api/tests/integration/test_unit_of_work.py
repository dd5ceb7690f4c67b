"""Day 37: the unit of work owns the transaction: nothing stays unless the use case commits."""

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.errors import OutOfStock
from tests.helpers import Shop

pytestmark = [
    pytest.mark.day(37),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "SqlAlchemyUnitOfWork: __aenter__ builds the repositories; __aexit__ rolls back."
    ),
]


async def test_rolls_back_uncommitted_work_by_default(committed_engine: AsyncEngine) -> None:
    from app.models import User
    from app.unit_of_work import SqlAlchemyUnitOfWork

    session = AsyncSession(committed_engine, expire_on_commit=False)
    async with session, SqlAlchemyUnitOfWork(session) as uow:
        await uow.users.add(User(email="gone@example.com", name="G", token_hash="g" * 64))
    async with committed_engine.connect() as conn:
        count = await Shop(conn).scalar("SELECT count(*) FROM users")
    assert count == 0, f"Called a unit of work without commit. Got {count} users stored, expected 0"


async def test_keeps_committed_work(committed_engine: AsyncEngine) -> None:
    from app.models import User
    from app.unit_of_work import SqlAlchemyUnitOfWork

    session = AsyncSession(committed_engine, expire_on_commit=False)
    async with session, SqlAlchemyUnitOfWork(session) as uow:
        await uow.users.add(User(email="kept@example.com", name="K", token_hash="k" * 64))
        await uow.commit()
    async with committed_engine.connect() as conn:
        count = await Shop(conn).scalar("SELECT count(*) FROM users")
    assert count == 1, f"Called a unit of work with commit. Got {count} users stored, expected 1"


async def test_an_order_whose_second_line_is_out_of_stock_leaves_the_first_lines_stock(
    async_db_session: AsyncSession,
) -> None:
    from app.services import orders
    from app.services.orders import OrderLine
    from app.unit_of_work import SqlAlchemyUnitOfWork

    shop = Shop(async_db_session)
    buyer = await shop.user()
    first, second = await shop.product(stock=5), await shop.product(stock=1)
    with pytest.raises(OutOfStock):
        await orders.place_order(
            SqlAlchemyUnitOfWork(async_db_session),
            buyer.id,
            [OrderLine(first, 2), OrderLine(second, 3)],
        )
    got = (
        await shop.stock(first),
        await shop.stock(second),
        await shop.scalar("SELECT count(*) FROM orders"),
    )
    assert got == (5, 1, 0), (
        f"Called place_order, second line short. Got (stocks, orders) {got}, expected (5, 1, 0)"
    )
