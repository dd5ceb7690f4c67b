"""HTTP for products: request -> ProductService -> response."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, status

from app.dependencies import IdPath, SessionDep
from app.modules.products.schemas import ProductCreate, ProductRead
from app.modules.products.service import ProductService

router = APIRouter(prefix="/products", tags=["products"])


def get_product_service(session: SessionDep) -> ProductService:
    """The products service on the request's session."""
    return ProductService(session)


ProductServiceDep = Annotated[ProductService, Depends(get_product_service)]


@router.post("", status_code=status.HTTP_201_CREATED)
def create_product(product_in: ProductCreate, service: ProductServiceDep) -> ProductRead:
    """Add a product to the catalog."""
    return service.create(product_in)


@router.get("")
def list_products(service: ProductServiceDep) -> list[ProductRead]:
    """The catalog, in id order."""
    return service.list_products()


@router.get("/{product_id}", responses={404: {"description": "No product with this id"}})
def read_product(product_id: IdPath, service: ProductServiceDep) -> ProductRead:
    """One product."""
    return service.get(product_id)
