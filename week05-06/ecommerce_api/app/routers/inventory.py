"""Inventory (admins): restock, low stock, and the alerts of crossings below the threshold."""

from typing import Annotated

from fastapi import APIRouter, Query

from app.dependencies import AdminUser, PageDep, ProductId, UnitOfWorkDep
from app.models import Product, StockAlert
from app.repositories.pagination import Page as PageOf
from app.routers.docs import ADMIN, BODY, responses
from app.schemas.common import MAX_ID, Page
from app.schemas.inventory import RestockIn, StockAlertRead
from app.schemas.product import ProductRead
from app.services import inventory

router = APIRouter(tags=["admin"])


@router.get(
    "/admin/products/low-stock",
    response_model=Page[ProductRead],
    responses=responses(*ADMIN),
    summary="Products low on stock",
)
async def low_stock(_: AdminUser, uow: UnitOfWorkDep, page: PageDep) -> PageOf[Product]:
    """Products whose stock is below their threshold, lowest stock first."""
    return await inventory.list_low_stock(uow, page)


@router.get(
    "/admin/stock-alerts",
    response_model=Page[StockAlertRead],
    responses=responses(*ADMIN),
    summary="Stock alerts",
)
async def stock_alerts(
    _: AdminUser,
    uow: UnitOfWorkDep,
    page: PageDep,
    product_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> PageOf[StockAlert]:
    """One alert per crossing below a product's threshold, newest first."""
    return await inventory.list_alerts(uow, page, product_id)


@router.post(
    "/admin/products/{product_id}/restock",
    response_model=ProductRead,
    responses=responses(404, *ADMIN, *BODY),
    summary="Restock a product",
)
async def restock(
    product_id: ProductId, restock_in: RestockIn, _: AdminUser, uow: UnitOfWorkDep
) -> Product:
    """Add units to a product's stock."""
    return await inventory.restock(uow, product_id, restock_in.quantity)
