"""GET /posts: every filter is a query parameter, validated by PostFilters (422 if bad)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Query

from app import queries
from app.dependencies import SessionDep
from app.models import Post
from app.schemas import PostFilters, PostRead

posts = APIRouter(prefix="/posts", tags=["posts"])


@posts.get("", response_model=list[PostRead])
def list_posts(db: SessionDep, filters: Annotated[PostFilters, Query()]) -> Sequence[Post]:
    """Search, filter, sort and page posts: `?search=&author=&tags=&from_date=&to_date=`."""
    return queries.list_posts(db, filters)
