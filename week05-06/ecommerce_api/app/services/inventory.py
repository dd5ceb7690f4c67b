"""Inventory use cases: restock, products running low, and the alerts their crossings left."""

from app.errors import InvalidInput, NotFound
from app.models import Product, StockAlert
from app.repositories.pagination import Page, PageRequest
from app.unit_of_work import AbstractUnitOfWork

MAX_STOCK = 2**31 - 1


async def restock(uow: AbstractUnitOfWork, product_id: int, quantity: int) -> Product:
    """Add `quantity` units to a product's stock (row locked: concurrent orders wait)."""
    async with uow:
        locked = await uow.products.lock([product_id])
        if not locked:
            raise NotFound("Product", product_id)  # pragma: no mutate
        product = locked[0]
        if product.stock + quantity > MAX_STOCK:
            raise InvalidInput("quantity", "The stock would exceed the largest integer")
        product.stock += quantity
        await uow.products.save(product)
        restocked = await uow.products.get(product_id)  # with its categories, for the answer
        await uow.commit()
    assert restocked is not None
    return restocked


async def list_low_stock(uow: AbstractUnitOfWork, page: PageRequest) -> Page[Product]:
    """Products whose stock is below their threshold, lowest stock first."""
    async with uow:
        return await uow.products.list_low_stock(page)


async def list_alerts(
    uow: AbstractUnitOfWork, page: PageRequest, product_id: int | None = None
) -> Page[StockAlert]:
    """Stock alerts, newest first: one per crossing below a product's threshold."""
    async with uow:
        return await uow.alerts.list(page, product_id)
