"""Products: anyone browses and searches, admins change the catalog."""

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, Field

from app.dependencies import AdminUser, ProductId, UnitOfWorkDep, ValidProduct
from app.models import Product
from app.repositories.catalog import ProductFilter, ProductSort, ProductView
from app.repositories.pagination import Page as PageOf
from app.repositories.pagination import PageRequest
from app.routers.docs import ADMIN, BODY, responses
from app.schemas.common import MAX_ID, Page, SearchText
from app.schemas.product import ProductCreate, ProductRead, ProductUpdate
from app.services import catalog
from app.services.catalog import NewProduct, ProductChanges

router = APIRouter(tags=["catalog"])


class SortOrder(StrEnum):
    """Ascending or descending."""

    ASC = "asc"
    DESC = "desc"


Price = Annotated[
    Decimal,
    Field(ge=0, le=Decimal("99999999.99"), max_digits=10, decimal_places=2, allow_inf_nan=False),
]


class ProductQuery(BaseModel):
    """GET /products' query: filters, order and page, validated as one model (one call
    into pydantic instead of one per parameter: this list is the hottest read)."""

    q: SearchText | None = Field(default=None, description="Case-insensitive search in the name.")
    category_id: int | None = Field(default=None, ge=1, le=MAX_ID)
    min_price: Price | None = None
    max_price: Price | None = None
    in_stock: bool | None = Field(default=None, description="true: stock > 0; false: stock = 0.")
    sort: ProductSort = ProductSort.ID
    order: SortOrder = SortOrder.ASC
    limit: int = Field(default=20, ge=1, le=100, description="Page size, 1-100.")
    skip: int = Field(default=0, ge=0, le=10_000, description="Rows to skip (offset).")
    cursor: str | None = Field(
        default=None,
        min_length=1,
        max_length=500,
        description="`next_cursor` of the previous page.",
    )


@router.get(
    "/products", response_model=Page[ProductRead], responses=responses(), summary="Browse products"
)
async def list_products(
    uow: UnitOfWorkDep, query: Annotated[ProductQuery, Query()]
) -> PageOf[ProductView]:
    """Search, filter, sort and page the catalog (offset with `skip`, or keyset with `cursor`)."""
    filters = ProductFilter(
        q=query.q,
        category_id=query.category_id,
        min_price=query.min_price,
        max_price=query.max_price,
        in_stock=query.in_stock,
    )
    page = PageRequest(limit=query.limit, skip=query.skip, cursor=query.cursor)
    descending = query.order is SortOrder.DESC
    return await catalog.list_products(
        uow, filters, sort=query.sort, descending=descending, page=page
    )


@router.get(
    "/products/{product_id}",
    response_model=ProductRead,
    responses=responses(404),
    summary="Get a product",
)
async def read_product(product: ValidProduct) -> Product:
    """One product with its categories."""
    return product


@router.post(
    "/products",
    status_code=status.HTTP_201_CREATED,
    response_model=ProductRead,
    responses=responses(*ADMIN, *BODY),
    summary="Create a product",
)
async def create_product(product_in: ProductCreate, _: AdminUser, uow: UnitOfWorkDep) -> Product:
    """List a product (admins); 422 for an unknown category id."""
    return await catalog.create_product(
        uow,
        NewProduct(
            name=product_in.name,
            description=product_in.description,
            price=product_in.price,
            stock=product_in.stock,
            low_stock_threshold=product_in.low_stock_threshold,
            category_ids=product_in.category_ids,
        ),
    )


@router.patch(
    "/products/{product_id}",
    response_model=ProductRead,
    responses=responses(404, *ADMIN, *BODY),
    summary="Update a product",
)
async def update_product(
    product_id: ProductId, product_in: ProductUpdate, _: AdminUser, uow: UnitOfWorkDep
) -> Product:
    """Change some fields (admins); `category_ids` replaces the categories."""
    changes = ProductChanges(**product_in.model_dump(exclude_unset=True))
    return await catalog.update_product(uow, product_id, changes)


@router.delete(
    "/products/{product_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(404, 409, *ADMIN),
    summary="Delete a product",
)
async def delete_product(product_id: ProductId, _: AdminUser, uow: UnitOfWorkDep) -> Response:
    """Delete a product (admins); 409 once it has been ordered."""
    await catalog.delete_product(uow, product_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
