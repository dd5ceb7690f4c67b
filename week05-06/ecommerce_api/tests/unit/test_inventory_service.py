"""Day 39: restocking and the stock alerts, on a fake unit of work."""

import pytest

from app.errors import InvalidInput, NotFound
from app.models import StockAlert
from app.repositories.pagination import PageRequest
from app.services import inventory
from app.services.inventory import MAX_STOCK
from tests.unit.fakes import FakeUnitOfWork, add_product

pytestmark = [
    pytest.mark.day(39),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "restock: lock the product, refuse a stock past MAX_STOCK (InvalidInput on quantity), "
        "add the units, commit once."
    ),
]


async def test_restock_adds_the_units_up_to_the_largest_stock() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, stock=MAX_STOCK - 10)
    restocked = await inventory.restock(uow, pen.id, 7)
    got = (restocked.stock, uow.commits)
    assert got == (MAX_STOCK - 3, 1), (
        f"Called restock 7 on stock MAX_STOCK - 10. Got (stock, commits) {got}, "
        "expected (MAX_STOCK - 3, 1)"
    )
    await inventory.restock(uow, pen.id, 3)
    assert pen.stock == MAX_STOCK, f"Called restock up to MAX_STOCK. Got stock {pen.stock}"


async def test_restock_past_the_largest_stock_or_of_an_unknown_product_is_refused() -> None:
    uow = FakeUnitOfWork()
    pen = await add_product(uow, stock=MAX_STOCK - 1)
    with pytest.raises(InvalidInput) as refused:
        await inventory.restock(uow, pen.id, 2)
    got = (refused.value.field, pen.stock, uow.commits)
    assert got == ("quantity", MAX_STOCK - 1, 0), (
        f"Called restock 2 on stock MAX_STOCK - 1. Got (field, stock, commits) {got}, "
        "expected ('quantity', MAX_STOCK - 1, 0)"
    )
    with pytest.raises(NotFound):
        await inventory.restock(uow, 404, 1)


async def test_alerts_can_be_filtered_by_product() -> None:
    uow = FakeUnitOfWork()
    uow.alerts.rows = [
        StockAlert(id=3, product_id=2, stock=1, threshold=5),
        StockAlert(id=2, product_id=1, stock=4, threshold=5),
        StockAlert(id=1, product_id=2, stock=2, threshold=5),
    ]
    page = await inventory.list_alerts(uow, PageRequest(), product_id=2)
    everyone = await inventory.list_alerts(uow, PageRequest())
    got = ([a.id for a in page.items], [a.id for a in everyone.items])
    assert got == ([3, 1], [3, 2, 1]), (
        f"Called list_alerts(product_id=2) and list_alerts(). Got {got}, expected ([3, 1], "
        "[3, 2, 1])"
    )
