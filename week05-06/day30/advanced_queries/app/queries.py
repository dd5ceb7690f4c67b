"""GET /posts as SQL: filters, search, date range and sort, each one an indexable condition."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, contains_eager, selectinload

from app.models import Post, Tag, User, post_tags
from app.schemas import PostFilters, PostSort, SortOrder

# The whitelist: a sort name maps to a column here or it never reaches SQL.
SORT_COLUMNS: dict[PostSort, InstrumentedAttribute[Any]] = {
    PostSort.CREATED_AT: Post.created_at,
    PostSort.TITLE: Post.title,
    PostSort.ID: Post.id,
}


def escape_like(text: str) -> str:
    """`text` with `\\`, `%` and `_` escaped, so a LIKE pattern matches them literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matches_search(term: str) -> ColumnElement[bool]:
    """Title or content contains `term`, ignoring case: ILIKE '%term%', which pg_trgm indexes."""
    pattern = f"%{escape_like(term)}%"
    # ILIKE on the bare column, so the trigram index on that column can serve it (an index
    # on title cannot serve lower(title) LIKE ...). On PostgreSQL,
    # Post.title.icontains(term, autoescape=True) sends the same kind of ILIKE.
    return or_(Post.title.ilike(pattern, escape="\\"), Post.content.ilike(pattern, escape="\\"))


def day_start(day: date) -> datetime:
    """Midnight UTC at the start of `day`."""
    return datetime.combine(day, time.min, tzinfo=UTC)


def created_between(from_date: date | None, to_date: date | None) -> list[ColumnElement[bool]]:
    """Half-open bounds: from_date's midnight <= created_at < the midnight after to_date.

    `created_at <= to_date` would compare with to_date's *first* instant and drop the rest
    of that day; `< next midnight` keeps all of it, down to the last microsecond.
    """
    bounds = []
    if from_date is not None:
        bounds.append(Post.created_at >= day_start(from_date))
    if to_date is not None and to_date < date.max:  # date.max has no next day: no bound
        bounds.append(Post.created_at < day_start(to_date + timedelta(days=1)))
    return bounds


def has_all_tags(names: Sequence[str]) -> ColumnElement[bool]:
    """The post carries every tag in `names`: its matching tag rows number len(set(names))."""
    wanted = set(names)
    tagged = (
        select(post_tags.c.post_id)
        .join(Tag, Tag.id == post_tags.c.tag_id)
        .where(Tag.name.in_(wanted))
        .group_by(post_tags.c.post_id)
        .having(func.count() == len(wanted))
    )
    return Post.id.in_(tagged)


def filtered(filters: PostFilters) -> Select[Post]:
    """Posts with their author (one JOIN) matching every filter given, sorted and paged."""
    conditions: list[ColumnElement[bool]] = []
    if filters.search is not None:
        conditions.append(matches_search(filters.search))
    if filters.author is not None:
        conditions.append(User.username == filters.author)
    if filters.tags:
        conditions.append(has_all_tags(filters.tags))
    conditions += created_between(filters.from_date, filters.to_date)
    column = SORT_COLUMNS[filters.sort]
    # Ties (same created_at, same title) go by id in the same direction: a stable order,
    # so a row never shows up on two pages or on none.
    if filters.order is SortOrder.DESC:
        order_by = (column.desc(), Post.id.desc())
    else:
        order_by = (column.asc(), Post.id.asc())
    return (
        select(Post)
        .join(Post.author)
        .where(*conditions)
        .order_by(*order_by)
        .limit(filters.limit)
        .offset(filters.offset)
        .options(contains_eager(Post.author), selectinload(Post.tags))
    )


def list_posts(db: Session, filters: PostFilters) -> Sequence[Post]:
    """The page of posts GET /posts returns: two statements (posts + authors, then tags)."""
    return db.scalars(filtered(filters)).all()
