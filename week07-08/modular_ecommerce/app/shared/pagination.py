"""Offset pages: the query parameters every list shares, and the page they answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field

T = TypeVar("T")

MAX_ID = 2**31 - 1
"""PostgreSQL's INTEGER stops here: larger ids are a 422 at the edge, never a 500."""
MAX_LIMIT = 100
MAX_OFFSET = 10_000


@dataclass(frozen=True)
class PageRequest:
    """Which slice of a list to answer."""

    limit: int = 20
    offset: int = 0


async def page_request(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size, 1-100.")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")] = 0,
) -> PageRequest:
    """The pagination parameters of every list endpoint."""
    return PageRequest(limit=limit, offset=offset)


PageDep = Annotated[PageRequest, Depends(page_request)]


class Page(BaseModel, Generic[T]):
    """One page of a list, with the total number of matching items."""

    items: list[T]
    total: int = Field(ge=0)
    limit: int = Field(ge=1)
    offset: int = Field(ge=0)
