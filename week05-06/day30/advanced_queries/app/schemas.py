"""The query parameters of GET /posts, validated before any SQL runs, and the response."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

MAX_TAGS = 10


def no_nul(text: str) -> str:
    """Return `text`; ValueError if it holds a NUL character (PostgreSQL text cannot)."""
    if "\x00" in text:
        raise ValueError("must not contain NUL (\\x00) characters")
    return text


SearchText = Annotated[str, StringConstraints(min_length=1, max_length=100), AfterValidator(no_nul)]
Username = Annotated[str, StringConstraints(min_length=1, max_length=50), AfterValidator(no_nul)]
TagName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=50),
    AfterValidator(no_nul),
]


class PostSort(StrEnum):
    """The columns GET /posts may sort by: a whitelist, never a column the client names."""

    CREATED_AT = "created_at"
    TITLE = "title"
    ID = "id"


class SortOrder(StrEnum):
    """Sort direction."""

    ASC = "asc"
    DESC = "desc"


class PostFilters(BaseModel):
    """The query parameters of GET /posts (FastAPI reads them through `Query()`).

    search: text searched case-insensitively in title and content, `%` and `_` literal;
    author: a username; tags: names, comma separated (`?tags=a,b`), the post must carry all;
    from_date / to_date: whole UTC days, both included; sort + order: a PostSort and a
    SortOrder, ties broken by id in the same direction; limit / offset: the page.
    """

    search: SearchText | None = None
    author: Username | None = None
    tags: list[TagName] = Field(default_factory=list, max_length=MAX_TAGS)
    from_date: date | None = None
    to_date: date | None = None
    sort: PostSort = PostSort.CREATED_AT
    order: SortOrder = SortOrder.DESC
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)

    @field_validator("tags", mode="before")
    @classmethod
    def split_tags(cls, raw: object) -> object:
        """`?tags=a,b` (and `?tags=a&tags=b`) arrive as ["a,b"]: split every item on commas."""
        items = [raw] if isinstance(raw, str) else raw
        if isinstance(items, list):
            return [name for item in items for name in str(item).split(",")]
        return raw

    @model_validator(mode="after")
    def dates_in_order(self) -> Self:
        """A range that ends before it starts is a client error, not an empty page."""
        if self.from_date and self.to_date and self.from_date > self.to_date:
            raise ValueError("from_date must not be after to_date")
        return self


class AuthorRead(BaseModel):
    """The author embedded in a post: id and username."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str


class PostRead(BaseModel):
    """A post as GET /posts returns it; `tags` are the tag names in alphabetical order."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    content: str
    created_at: datetime
    author: AuthorRead
    tags: list[str]

    @field_validator("tags", mode="before")
    @classmethod
    def tag_names(cls, tags: object) -> object:
        """The ORM gives Tag objects; the API shows their names."""
        if isinstance(tags, list):
            return [getattr(tag, "name", tag) for tag in tags]
        return tags
