"""Comment queries: read comments as rows (one, or a page of a post's discussion), lock one
as an entity to change it, save, delete."""

from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Bundle, joinedload

from app.crud.integrity import constraint_name
from app.crud.pagination import (
    ListQuery,
    PageRequest,
    PageResult,
    SortKey,
    fetch_page,
    parse_datetime,
)
from app.errors import NotFound, UnknownAuthor
from app.models import Comment, User

# A comment as CommentRead shows it, selected as a row with its author joined in.
CommentRow = Row[int, int, str, datetime, datetime | None, Any]
COMMENT_ROWS: Select[int, int, str, datetime, datetime | None, Any] = select(
    Comment.id,
    Comment.post_id,
    Comment.body,
    Comment.created_at,
    Comment.updated_at,
    Bundle("author", User.id, User.username),
).join(Comment.author)
_COMMENT_BY_ID = COMMENT_ROWS.where(Comment.id == bindparam("comment_id"))
_ON_POST = Comment.post_id == bindparam("post_id")
# A discussion, oldest first.
_DISCUSSION = ListQuery(
    COMMENT_ROWS.where(_ON_POST),
    select(func.count()).select_from(Comment).where(_ON_POST),
    SortKey("created_at", Comment.created_at, Comment.id, descending=False, parse=parse_datetime),
)


async def read(session: AsyncSession, comment_id: int) -> CommentRow | None:
    """One comment as CommentRead shows it (COMMENT_ROWS), or None."""
    found = await session.execute(_COMMENT_BY_ID, {"comment_id": comment_id})
    row: CommentRow | None = found.first()
    return row


async def lock(session: AsyncSession, comment_id: int) -> Comment | None:
    """The comment entity with its author, its row locked until the commit, or None."""
    author = joinedload(Comment.author, innerjoin=True)
    return await session.get(Comment, comment_id, options=[author], with_for_update={"of": Comment})


async def list_page(
    session: AsyncSession, post_id: int, page: PageRequest
) -> PageResult[CommentRow]:
    """Comments on one post with their authors (COMMENT_ROWS), oldest first."""
    return await fetch_page(session, _DISCUSSION, page, {"post_id": post_id})


async def save(session: AsyncSession, comment: Comment) -> None:
    """Write a new or changed comment now; NotFound or UnknownAuthor if its post or author
    was deleted meanwhile (the foreign keys refuse it)."""
    # Read before the flush: a failed flush expires the object.
    post_id, author_id = comment.post_id, comment.author.id
    session.add(comment)
    try:
        await session.flush()
    except IntegrityError as error:
        name = constraint_name(error)
        if name == "fk_comments_post_id_posts":
            raise NotFound("Post", post_id) from error
        if name == "fk_comments_author_id_users":
            raise UnknownAuthor(author_id) from error
        raise


async def delete(session: AsyncSession, comment: Comment) -> None:
    """Delete one comment."""
    await session.delete(comment)
    await session.flush()
