"""Types every schema shares: bounded ids, text and money, the page envelope, the error body."""

from decimal import Decimal
from typing import Annotated, Generic, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
)

T = TypeVar("T")

MAX_ID = 2**31 - 1
"""Ids are PostgreSQL integers: a larger one can never exist, so it is a 422, not a 500."""


def storable(text: str) -> str:
    """Return `text`; ValueError if it holds a NUL or a lone surrogate (PostgreSQL stores
    neither)."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return text


Storable = AfterValidator(storable)
Id = Annotated[int, Field(ge=1, le=MAX_ID, examples=[1])]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), Storable
]
ProductName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Storable
]
Description = Annotated[str, StringConstraints(max_length=2000), Storable]
SearchText = Annotated[str, StringConstraints(min_length=1, max_length=100), Storable]
Quantity = Annotated[int, Field(ge=1, le=1_000, description="Units, 1 to 1,000.")]
StockCount = Annotated[int, Field(ge=0, le=1_000_000)]

MoneyIn = Annotated[
    Decimal,
    Field(
        ge=0,
        le=Decimal("99999999.99"),
        max_digits=10,
        decimal_places=2,
        allow_inf_nan=False,
        description='An amount with at most two decimals; send it as a string, e.g. "19.99".',
        examples=["19.99"],
    ),
]
"""An amount a client sends: a JSON string or number, never NaN or Infinity."""


def _money_text(value: Decimal) -> str:
    return f"{value:.2f}"


MoneyOut = Annotated[
    Decimal,
    PlainSerializer(_money_text, return_type=str, when_used="json"),
    Field(description='An amount as a string with two decimals, e.g. "19.99".'),
]
"""An amount the API answers: always a string such as "19.99", never a float."""


class RequestBody(BaseModel):
    """Request bodies: unknown fields are a 422, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


class ReadModel(BaseModel):
    """Response bodies, read from ORM objects or dataclasses."""

    model_config = ConfigDict(from_attributes=True)


class Page(BaseModel, Generic[T]):
    """One page of a list. `total` is null on cursor pages (they skip the COUNT)."""

    model_config = ConfigDict(from_attributes=True)

    items: list[T]
    total: int | None = Field(examples=[42])
    limit: int = Field(examples=[20])
    skip: int = Field(examples=[0])
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null on the last page."
    )


class FieldError(BaseModel):
    """One invalid input: where (`loc`), what is wrong (`msg`), and its kind (`type`)."""

    loc: list[str | int] = Field(examples=[["body", "price"]])
    msg: str = Field(examples=["Input should be greater than or equal to 0"])
    type: str = Field(examples=["greater_than_equal"])


class ErrorBody(BaseModel):
    """The body of every error answer, whatever its status."""

    code: str = Field(
        description="A stable machine-readable kind: not_found, conflict, out_of_stock, ...",
        examples=["not_found"],
    )
    detail: str = Field(
        description="What went wrong, for a person.", examples=["Product 42 not found"]
    )
    errors: list[FieldError] = Field(
        default_factory=list, description="The invalid inputs (422 only); never their values."
    )
