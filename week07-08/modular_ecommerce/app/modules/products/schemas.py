"""The shapes products answers and accepts; money is a string with two decimals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.shared.pagination import MAX_ID

MAX_STOCK = 1_000_000
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Price = Annotated[
    Decimal, Field(gt=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)
]


class CategoryIn(BaseModel):
    """Body of POST /categories."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class CategoryRead(BaseModel):
    """A category."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


class ProductCreate(BaseModel):
    """Body of POST /products."""

    model_config = ConfigDict(extra="forbid")

    name: Name = Field(examples=["Mechanical keyboard"])
    description: str | None = Field(default=None, max_length=2000)
    price: Price = Field(examples=["89.90"])
    stock: int = Field(default=0, ge=0, le=MAX_STOCK)
    category_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class ProductUpdate(BaseModel):
    """Body of PATCH /products/{id}: only the fields sent change."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    description: str | None = Field(default=None, max_length=2000)
    price: Price | None = None
    stock: int | None = Field(default=None, ge=0, le=MAX_STOCK)
    category_id: int | None = Field(default=None, ge=1, le=MAX_ID)


class ProductRead(BaseModel):
    """A product as the catalog shows it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    description: str | None
    price: Decimal
    stock: int
    category_id: int | None
    is_active: bool
    created_at: datetime


class RestockIn(BaseModel):
    """Body of POST /products/{id}/restock."""

    model_config = ConfigDict(extra="forbid")

    quantity: int = Field(ge=1, le=MAX_STOCK)


class ProductSort(StrEnum):
    """Orders of GET /products."""

    NEWEST = "newest"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    NAME = "name"


@dataclass(frozen=True)
class ProductFilter:
    """The search and filters of GET /products."""

    q: str | None = None
    category_id: int | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool | None = None
    archived: bool = False
    sort: ProductSort = ProductSort.NEWEST


class ReviewIn(BaseModel):
    """Body of POST /products/{id}/reviews."""

    model_config = ConfigDict(extra="forbid")

    rating: int = Field(ge=1, le=5, examples=[5])
    comment: str | None = Field(default=None, max_length=2000, examples=["Clicky. Love it."])


class ReviewRead(BaseModel):
    """A review."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    product_id: int
    user_id: int
    rating: int
    comment: str | None
    created_at: datetime


class ReviewPage(BaseModel):
    """A page of a product's reviews, with its average rating over all of them."""

    items: list[ReviewRead]
    total: int
    limit: int
    offset: int
    average_rating: Decimal | None = Field(description="Two decimals; null without reviews.")


@dataclass(frozen=True)
class Reserved:
    """A product whose stock an order took: what the order records of it."""

    product_id: int
    name: str
    unit_price: Decimal
    quantity: int
