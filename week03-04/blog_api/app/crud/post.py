"""Post queries: read posts as rows (one, or a page filtered, searched and sorted), lock one
as an entity to change it, save, delete."""

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Row, Select, bindparam, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Bundle, InstrumentedAttribute, joinedload

from app.crud.integrity import constraint_name
from app.crud.pagination import (
    ListQuery,
    PageRequest,
    PageResult,
    SortKey,
    fetch_page,
    parse_datetime,
    parse_int,
    parse_str,
)
from app.errors import UnknownAuthor
from app.models import Post, User
from app.schemas.post import PostSort, SortOrder

_SORT_COLUMNS: dict[PostSort, tuple[InstrumentedAttribute[Any], Any]] = {
    PostSort.CREATED_AT: (Post.created_at, parse_datetime),
    PostSort.TITLE: (Post.title, parse_str),
    PostSort.ID: (Post.id, parse_int),
}
# A post as PostRead shows it, selected as a row with its author joined in: reads build
# no ORM objects and never run a query per row.
PostRow = Row[int, str, str, datetime, datetime | None, Any]
POST_ROWS: Select[int, str, str, datetime, datetime | None, Any] = select(
    Post.id,
    Post.title,
    Post.body,
    Post.created_at,
    Post.updated_at,
    Bundle("author", User.id, User.username),
).join(Post.author)
_POST_BY_ID = POST_ROWS.where(Post.id == bindparam("post_id"))


async def read(session: AsyncSession, post_id: int) -> PostRow | None:
    """One post as PostRead shows it (POST_ROWS), or None."""
    row: PostRow | None = (await session.execute(_POST_BY_ID, {"post_id": post_id})).first()
    return row


async def lock(session: AsyncSession, post_id: int) -> Post | None:
    """The post entity with its author, its row (not the author's) locked until the
    commit, or None."""
    author = joinedload(Post.author, innerjoin=True)
    return await session.get(Post, post_id, options=[author], with_for_update={"of": Post})


def like_pattern(q: str) -> str:
    """The ILIKE pattern for "contains `q`": % and _ in `q` match themselves."""
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(pattern: str | BindParameter[str]) -> ColumnElement[bool]:
    """Title or body matches `pattern` case-insensitively (ILIKE), which the trigram indexes
    on both columns serve."""
    return or_(Post.title.ilike(pattern), Post.body.ilike(pattern))


@cache
def _list_query(
    sort: PostSort, order: SortOrder, by_author: bool, searching: bool
) -> ListQuery[int, str, str, datetime, datetime | None, Any]:
    """The statements of one list shape (at most 3 sorts x 2 orders x 4 filter sets)."""
    filters: list[ColumnElement[bool]] = []
    if by_author:
        filters.append(Post.author_id == bindparam("author_id"))
    if searching:
        filters.append(search(bindparam("pattern")))
    column, parse = _SORT_COLUMNS[sort]
    key = SortKey(sort.value, column, Post.id, descending=order is SortOrder.DESC, parse=parse)
    count = select(func.count()).select_from(Post).where(*filters)
    return ListQuery(POST_ROWS.where(*filters), count, key)


async def list_page(
    session: AsyncSession,
    page: PageRequest,
    *,
    sort: PostSort = PostSort.CREATED_AT,
    order: SortOrder = SortOrder.DESC,
    author_id: int | None = None,
    q: str | None = None,
) -> PageResult[PostRow]:
    """Posts with their authors (POST_ROWS), filtered by author and/or a search in title
    and body."""
    values: dict[str, Any] = {}
    if author_id is not None:
        values["author_id"] = author_id
    if q is not None:
        values["pattern"] = like_pattern(q)
    query = _list_query(sort, order, "author_id" in values, "pattern" in values)
    return await fetch_page(session, query, page, values)


async def save(session: AsyncSession, post: Post) -> None:
    """Write a new or changed post now; UnknownAuthor if its author was deleted meanwhile
    (the foreign key refuses it)."""
    author_id = post.author.id  # read before the flush: a failed flush expires the object
    session.add(post)
    try:
        await session.flush()
    except IntegrityError as error:
        if constraint_name(error) == "fk_posts_author_id_users":
            raise UnknownAuthor(author_id) from error
        raise


async def delete(session: AsyncSession, post: Post) -> None:
    """Delete a post; PostgreSQL cascades to its comments."""
    await session.delete(post)
    await session.flush()
