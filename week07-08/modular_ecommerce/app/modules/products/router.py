"""HTTP for the catalog: categories, products, stock, reviews."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, status

from app.modules.auth.dependencies import OptionalUser, Public, RequirePermission
from app.modules.auth.schemas import Principal
from app.modules.products import service
from app.modules.products.dependencies import FilterDep, PurchaseCheckDep
from app.modules.products.schemas import (
    CategoryIn,
    CategoryRead,
    ProductCreate,
    ProductRead,
    ProductUpdate,
    RestockIn,
    ReviewIn,
    ReviewPage,
    ReviewRead,
)
from app.shared.dependencies import UowDep
from app.shared.pagination import MAX_ID, Page, PageDep
from app.shared.responses import error_responses

router = APIRouter(tags=["products"])

ProductId = Annotated[int, Path(ge=1, le=MAX_ID, description="The product's id.")]
CategoryId = Annotated[int, Path(ge=1, le=MAX_ID, description="The category's id.")]
Manager = Depends(RequirePermission("products:write"))
Reviewer = Annotated[Principal, Depends(RequirePermission("reviews:write"))]


@router.get("/categories", dependencies=[Public], summary="List categories")
async def list_categories(uow: UowDep) -> list[CategoryRead]:
    """Every category, by name."""
    return await service.list_categories(uow)


@router.post(
    "/categories",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Manager],
    responses=error_responses(401, 403, 409, 422),
    summary="Create a category",
)
async def create_category(data: CategoryIn, uow: UowDep) -> CategoryRead:
    """A new category; 409 if the name is taken."""
    return await service.create_category(uow, data)


@router.delete(
    "/categories/{category_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Manager],
    responses=error_responses(401, 403, 404, 422),
    summary="Delete a category",
)
async def delete_category(category_id: CategoryId, uow: UowDep) -> None:
    """Delete a category; its products stay, without a category."""
    await service.delete_category(uow, category_id)


@router.get("/products", responses=error_responses(401, 403, 422), summary="Search products")
async def list_products(
    uow: UowDep, page: PageDep, where: FilterDep, caller: OptionalUser
) -> Page[ProductRead]:
    """Products for sale, searched by name and filtered by category, price and stock.

    Public; a token, when sent, must be valid. `archived=true` lists archived products
    instead, for callers holding products:write.
    """
    return await service.list_products(uow, where, page, caller)


@router.get(
    "/products/{product_id}", responses=error_responses(401, 404, 422), summary="Read a product"
)
async def read_product(product_id: ProductId, uow: UowDep, caller: OptionalUser) -> ProductRead:
    """One product (archived ones only for products:write holders)."""
    return await service.get_product(uow, product_id, caller)


@router.post(
    "/products",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Manager],
    responses=error_responses(401, 403, 422),
    summary="Create a product",
)
async def create_product(data: ProductCreate, uow: UowDep) -> ProductRead:
    """A new product for sale."""
    return await service.create_product(uow, data)


@router.patch(
    "/products/{product_id}",
    dependencies=[Manager],
    responses=error_responses(401, 403, 404, 422),
    summary="Update a product",
)
async def update_product(product_id: ProductId, data: ProductUpdate, uow: UowDep) -> ProductRead:
    """Change the fields sent (an archived product too)."""
    return await service.update_product(uow, product_id, data)


@router.delete(
    "/products/{product_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Manager],
    responses=error_responses(401, 403, 404, 422),
    summary="Archive a product",
)
async def archive_product(product_id: ProductId, uow: UowDep) -> None:
    """Stop selling the product; orders that hold it keep it."""
    await service.archive_product(uow, product_id)


@router.post(
    "/products/{product_id}/restock",
    dependencies=[Manager],
    responses=error_responses(401, 403, 404, 422),
    summary="Restock a product",
)
async def restock(product_id: ProductId, data: RestockIn, uow: UowDep) -> ProductRead:
    """Add units to the stock."""
    return await service.restock(uow, product_id, data.quantity)


@router.get(
    "/products/{product_id}/reviews",
    dependencies=[Public],
    responses=error_responses(404, 422),
    summary="Read a product's reviews",
)
async def list_reviews(product_id: ProductId, uow: UowDep, page: PageDep) -> ReviewPage:
    """Reviews, newest first, and the average rating."""
    return await service.list_reviews(uow, product_id, page)


@router.post(
    "/products/{product_id}/reviews",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Review a product",
)
async def add_review(
    product_id: ProductId, data: ReviewIn, user: Reviewer, uow: UowDep, received: PurchaseCheckDep
) -> ReviewRead:
    """Rate a product you received (409 `purchase_required` otherwise), once."""
    return await service.add_review(uow, product_id, user, data, received)
