"""Category bodies."""

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from app.schemas.common import ReadModel, RequestBody, Storable

CategoryName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50), Storable
]
CategoryDescription = Annotated[str, StringConstraints(max_length=500), Storable]


def _not_null(value: str | None) -> str | None:
    if value is None:
        raise ValueError("may be omitted but not null")
    return value


class CategoryBase(RequestBody):
    """A category's name and description."""

    name: CategoryName = Field(examples=["Books"])
    description: CategoryDescription | None = Field(default=None, examples=["Paper and ink."])


class CategoryCreate(CategoryBase):
    """A new category."""


class CategoryUpdate(RequestBody):
    """A partial update: omitted fields stay as they are."""

    name: Annotated[CategoryName | None, AfterValidator(_not_null)] = None
    description: Annotated[CategoryDescription | None, AfterValidator(_not_null)] = None


class CategoryRead(ReadModel):
    """A category."""

    id: int
    name: str
    description: str | None


class CategorySummary(ReadModel):
    """A category inside a product."""

    id: int
    name: str
