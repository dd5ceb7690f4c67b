"""Request and response bodies; tag names are normalised here, before any SQL runs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

# PostgreSQL's INTEGER stops here; a larger id would be a database error, not a 404.
MAX_ID = 2**31 - 1
MAX_TAGS = 10


def storable(text: str) -> str:
    """Return `text`; ValueError for a NUL or a lone surrogate (PostgreSQL stores neither)."""
    if "\x00" in text:
        raise ValueError("must not contain NUL (\\x00) characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("must be valid Unicode text") from error
    return text


Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(storable),
]
Content = Annotated[str, StringConstraints(max_length=10_000), AfterValidator(storable)]
# Lower case, so Python and python are one tag; no comma or space, so ?tags=a,b can list them.
TagName = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        min_length=1,
        max_length=50,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9+#._-]*$",
    ),
]


class PostCreate(BaseModel):
    """Body of POST /posts."""

    title: Title
    content: Content = ""


class TagCreate(BaseModel):
    """Body of POST /tags: `{"name": "Python "}` creates the tag `python`."""

    name: TagName


class TagLink(BaseModel):
    """Body of POST /posts/{post_id}/tags: the tag to put on the post."""

    tag_id: Id


class TagRead(BaseModel):
    """A tag: id and name."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


class PostRead(BaseModel):
    """A post with its tags in alphabetical order."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    content: str
    created_at: datetime
    tags: list[TagRead]


class TagFilter(BaseModel):
    """Query parameters of GET /posts: `?tags=a,b` keeps posts that carry all of them."""

    tags: list[TagName] = Field(default_factory=list, max_length=MAX_TAGS)
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


class Page(BaseModel):
    """Query parameters of GET /tags/{tag_id}/posts."""

    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)
