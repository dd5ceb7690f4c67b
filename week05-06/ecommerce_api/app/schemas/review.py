"""Review bodies and the rating summary."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import Field, PlainSerializer, StringConstraints

from app.schemas.common import ReadModel, RequestBody, Storable

Comment = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), Storable]


class ReviewCreate(RequestBody):
    """A rating from 1 to 5 and an optional comment."""

    rating: int = Field(ge=1, le=5, examples=[5])
    comment: Comment | None = Field(default=None, examples=["Types like a dream."])


class ReviewRead(ReadModel):
    """A review."""

    id: int
    user_id: int
    product_id: int
    rating: int
    comment: str | None
    created_at: datetime


class RatingRead(ReadModel):
    """A product's mean rating, rounded half up to two decimals (null without reviews)."""

    product_id: int
    average_rating: Annotated[
        Decimal | None,
        PlainSerializer(lambda v: None if v is None else f"{v:.2f}", return_type=str | None),
    ] = Field(validation_alias="average", examples=["4.33"])
    review_count: int = Field(validation_alias="count", examples=[3])
