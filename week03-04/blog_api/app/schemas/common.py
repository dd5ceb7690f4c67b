"""Types shared by every resource: bounded ids and strings, the page envelope, error bodies."""

from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

MAX_ID = 2**31 - 1
"""Ids are PostgreSQL integers; anything larger can never exist, so it is a 422, not a 500."""

T = TypeVar("T")

Id = Annotated[int, Field(ge=1, le=MAX_ID, examples=[1])]


def _storable(text: str) -> str:
    """Return `text`; raise ValueError if it holds a NUL byte or a lone UTF-16 surrogate
    (PostgreSQL can store neither)."""
    if "\x00" in text:
        raise ValueError("must not contain NUL (\\x00) characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("must be valid Unicode text") from error
    return text


def _bcrypt_sized(password: str) -> str:
    """Return `password`; raise ValueError if it is over 72 bytes in UTF-8 (bcrypt reads at
    most 72 bytes and would silently ignore the rest)."""
    if len(password.encode("utf-8")) > 72:
        raise ValueError("must be at most 72 bytes in UTF-8")
    return password


Storable = AfterValidator(_storable)
Username = Annotated[
    str, StringConstraints(min_length=3, max_length=30, pattern=r"^[A-Za-z0-9_]+$")
]
FullName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100), Storable]
Bio = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500), Storable]
Password = Annotated[
    str, StringConstraints(min_length=8, max_length=72), Storable, AfterValidator(_bcrypt_sized)
]
Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Storable
]
PostBody = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000), Storable
]
CommentBody = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000), Storable
]
SearchText = Annotated[str, StringConstraints(min_length=1, max_length=100), Storable]


def reject_null(value: T | None) -> T:
    """Return `value`; raise ValueError for None. For update fields whose column is NOT
    NULL: a client may omit them, never send null."""
    if value is None:
        raise ValueError("may be omitted but not null")
    return value


class StrictModel(BaseModel):
    """Request bodies: unknown fields are rejected with a 422 instead of being silently dropped."""

    model_config = ConfigDict(extra="forbid")


class AuthorSummary(BaseModel):
    """`{id, username}` of the author of a post or comment, embedded so a client needs no
    second request."""

    id: int = Field(examples=[1])
    username: str = Field(examples=["ada"])


class Page(BaseModel, Generic[T]):
    """One page of a list: `items`, `total` (null on cursor pages), `limit`, `skip` (0 on
    cursor pages) and `next_cursor` (null on the last page)."""

    items: list[T] = Field(description="The rows of this page, in the requested order.")
    total: int | None = Field(
        description="Rows matching the filters (all pages); null on cursor pages, "
        "which skip the COUNT so deep pages stay as cheap as the first.",
        examples=[42],
    )
    limit: int = Field(description="Page size that was applied.", examples=[10])
    skip: int = Field(description="Offset that was applied (0 on cursor pages).", examples=[0])
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page.",
        examples=["eyJ2IjoiMjAyNi0wMS0wMVQxMDowMDowMCswMDowMCIsImlkIjo0Mn0"],
    )


class ErrorMessage(BaseModel):
    """The body of every 400, 404 and 409 answer: `{"detail": "Post 42 not found"}`."""

    detail: str = Field(examples=["Post 42 not found"])
