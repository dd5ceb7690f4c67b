"""What products' routes ask for besides the caller: its filters, the purchase check."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import Depends, Query

from app.modules.products.ports import PURCHASE_CHECK, PurchaseCheck, no_purchases
from app.modules.products.schemas import ProductFilter, ProductSort
from app.shared.dependencies import RuntimeDep
from app.shared.pagination import MAX_ID

Money = Annotated[Decimal, Query(ge=0, le=Decimal("9999999999.99"), decimal_places=2)]


async def product_filter(
    q: Annotated[
        str | None, Query(min_length=1, max_length=100, description="Name contains.")
    ] = None,
    category_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    min_price: Money | None = None,
    max_price: Money | None = None,
    in_stock: bool | None = None,
    archived: Annotated[
        bool, Query(description="Archived products instead (needs products:write).")
    ] = False,
    sort: ProductSort = ProductSort.NEWEST,
) -> ProductFilter:
    """The search and filters of GET /products."""
    return ProductFilter(q, category_id, min_price, max_price, in_stock, archived, sort)


async def purchase_check(runtime: RuntimeDep) -> PurchaseCheck:
    """Orders' answer to "did this user receive this product?", or "no" without orders."""
    return runtime.providers.get(PURCHASE_CHECK, no_purchases)


FilterDep = Annotated[ProductFilter, Depends(product_filter)]
PurchaseCheckDep = Annotated[PurchaseCheck, Depends(purchase_check)]
