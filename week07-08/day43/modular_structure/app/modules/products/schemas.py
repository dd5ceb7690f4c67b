"""The shapes products cross the module's border in."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.shared.utils import MAX_ID

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# NUMERIC(10, 2): at most 8 digits before the point; a price is never a float.
Price = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]


class ProductCreate(BaseModel):
    """Body of POST /products."""

    name: Name
    price: Price
    stock: int = Field(ge=0, le=MAX_ID)


class ProductRead(BaseModel):
    """A product as the API, and the orders module, sees one. Prices are JSON strings."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    price: Decimal
    stock: int
