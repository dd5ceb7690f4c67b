"""Types shared by every resource: strict bounded ids, bounded strings, the page envelope and
the error body."""

import re
from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints

MAX_ID = 2**31 - 1
"""Ids are PostgreSQL integers; anything larger can never exist, so it is a 422, not a 500."""

T = TypeVar("T")

# Strict: in a body, JSON `true`, `"1"` and `1.0` are not ids (pydantic would coerce all three).
Id = Annotated[int, Strict(), Field(ge=1, le=MAX_ID, examples=[1])]

_DECIMAL = re.compile(r"0|[1-9][0-9]*")


def decimal_digits(value: object) -> object:
    """Return `value`; raise ValueError for a string that is not plain decimal digits. Used
    before the int validation of path and query parameters, so `/posts/1.0`, `01`, `+1` and
    `1_0` are refused instead of read as 1 or 10."""
    if isinstance(value, str) and not _DECIMAL.fullmatch(value):
        raise ValueError("must be a whole number written in decimal digits")
    return value


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


class StrictModel(BaseModel):
    """Request bodies: unknown fields are rejected with a 422 instead of being silently dropped."""

    model_config = ConfigDict(extra="forbid")


class AuthorSummary(BaseModel):
    """`{id, username}` of the author of a post or comment, embedded so a client needs no
    second request."""

    model_config = ConfigDict(from_attributes=True)

    id: int = Field(examples=[1])
    username: str = Field(examples=["ada"])


class Page(BaseModel, Generic[T]):
    """One page of a list: `items`, `total` (null on cursor pages), `limit`, `skip` (0 on
    cursor pages) and `next_cursor` (null on the last page)."""

    model_config = ConfigDict(from_attributes=True)

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
        examples=[
            "eyJrIjoiY3JlYXRlZF9hdCIsImQiOnRydWUsInYiOiIyMDI2LTAxLTA1VDEwOjAwOjAwKzAwOjAwIiwiaWQiOjd9"
        ],
    )


class FieldError(BaseModel):
    """One invalid input: where it is and what is wrong with it. The input itself is never
    echoed (it may be a password, or megabytes)."""

    loc: list[str] = Field(
        description="The source (`body`, `query` or `path`) and the field's name.",
        examples=[["body", "author_id"]],
    )
    msg: str = Field(examples=["User 999 does not exist"])
    type: str = Field(examples=["value_error"])


class ErrorMessage(BaseModel):
    """The body of every error answer (400, 404, 409, 413, 415, 422, 503): a sentence, and
    for a 422 the fields at fault."""

    detail: str = Field(examples=["Post 42 not found"])
    errors: list[FieldError] = Field(
        description="The invalid fields of a 422 (at most 20); empty for every other status.",
        examples=[[]],
    )
