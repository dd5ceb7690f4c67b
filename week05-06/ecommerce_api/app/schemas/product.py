"""Product bodies: money as strings out, bounded numbers in."""

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, Field

from app.schemas.category import CategorySummary
from app.schemas.common import (
    Description,
    Id,
    MoneyIn,
    MoneyOut,
    ProductName,
    ReadModel,
    RequestBody,
    StockCount,
)


def _not_null(value: object) -> object:
    if value is None:
        raise ValueError("may be omitted but not null")
    return value


NotNull = AfterValidator(_not_null)


class ProductBase(RequestBody):
    """What describes a product."""

    name: ProductName = Field(examples=["Mechanical keyboard"])
    description: Description | None = Field(default=None, examples=["Tactile switches."])
    price: MoneyIn
    stock: StockCount = Field(default=0, examples=[25])
    low_stock_threshold: StockCount = Field(
        default=5, description="An alert is recorded when stock falls below this."
    )


class ProductCreate(ProductBase):
    """A new product, in zero or more categories."""

    category_ids: list[Id] = Field(default_factory=list, max_length=20, examples=[[1]])


class ProductUpdate(RequestBody):
    """A partial update; `category_ids`, when given, replaces the product's categories."""

    name: Annotated[ProductName | None, NotNull] = None
    description: Annotated[Description | None, NotNull] = None
    price: Annotated[MoneyIn | None, NotNull] = None
    stock: Annotated[StockCount | None, NotNull] = None
    low_stock_threshold: Annotated[StockCount | None, NotNull] = None
    category_ids: Annotated[list[Id] | None, NotNull, Field(max_length=20)] = None


class ProductRead(ReadModel):
    """A product with its categories."""

    id: int
    name: str
    description: str | None
    price: MoneyOut
    stock: int
    low_stock_threshold: int
    categories: list[CategorySummary]
    created_at: datetime
