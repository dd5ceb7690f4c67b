"""Post queries. Reads are Core selects on a Connection (sync in tests, asyncpg in the app)."""

from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, delete, func, or_, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.crud.integrity import constraint_name
from app.crud.pagination import (
    PageData,
    PageRequest,
    SortKey,
    fetch_page,
    parse_datetime,
    parse_int,
    parse_str,
)
from app.crud.user import ensure_user_exists
from app.errors import InvalidInputError, NotFoundError
from app.models import Post, User
from app.schemas.post import PostCreate, PostSort, PostUpdate, SortOrder

_SORT_COLUMNS: dict[PostSort, tuple[InstrumentedAttribute[Any], Any]] = {
    PostSort.CREATED_AT: (Post.created_at, parse_datetime),
    PostSort.TITLE: (Post.title, parse_str),
    PostSort.ID: (Post.id, parse_int),
}


# Every column a PostRead needs, with the author's username joined in. Built once: the
# hot read paths reuse these statements instead of rebuilding them per request.
_POST_ROWS = select(
    Post.id,
    Post.title,
    Post.body,
    Post.created_at,
    Post.updated_at,
    Post.author_id,
    User.username.label("author_username"),
).join(User, Post.author_id == User.id)
_POST_BY_ID = _POST_ROWS.where(Post.id == bindparam("post_id"))


def _to_item(row: RowMapping) -> dict[str, Any]:
    """Shape one row as a PostRead dict (no ORM object is built on the read path)."""
    return {
        "id": row["id"],
        "title": row["title"],
        "body": row["body"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "author": {"id": row["author_id"], "username": row["author_username"]},
    }


def _escape_like(text: str) -> str:
    """Make % and _ in a search term match themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_posts(
    db: Connection,
    page: PageRequest,
    *,
    sort: PostSort = PostSort.CREATED_AT,
    order: SortOrder = SortOrder.DESC,
    author_id: int | None = None,
    q: str | None = None,
) -> PageData:
    """Posts filtered by author and/or a case-insensitive search in title and body."""
    filters: list[ColumnElement[bool]] = []
    if author_id is not None:
        filters.append(Post.author_id == author_id)
    if q is not None:
        pattern = f"%{_escape_like(q)}%"
        filters.append(or_(Post.title.ilike(pattern), Post.body.ilike(pattern)))
    column, parse = _SORT_COLUMNS[sort]
    key = SortKey(sort.value, column, Post.id, descending=order is SortOrder.DESC, parse=parse)
    count = select(func.count()).select_from(Post).where(*filters)
    return fetch_page(db, _POST_ROWS.where(*filters), count, key, page, _to_item)


def list_user_posts(db: Session, user_id: int, page: PageRequest) -> PageData:
    """One user's posts, newest first; NotFoundError if the user does not exist."""
    ensure_user_exists(db, user_id)
    return list_posts(db.connection(), page, author_id=user_id)


def get_post(db: Connection, post_id: int) -> dict[str, Any]:
    """One post as a PostRead dict, or NotFoundError."""
    # Core execution on a connection: rows, no ORM identity-map bookkeeping.
    row = db.execute(_POST_BY_ID, {"post_id": post_id}).mappings().first()
    if row is None:
        raise NotFoundError("Post", post_id)
    return _to_item(row)


def ensure_post_exists(db: Session, post_id: int) -> None:
    """Raise NotFoundError unless the post exists."""
    if db.execute(select(Post.id).where(Post.id == post_id)).first() is None:
        raise NotFoundError("Post", post_id)


def create_post(db: Session, post_in: PostCreate) -> dict[str, Any]:
    """Insert a post; an unknown author is a 422 on author_id (caught from the foreign key)."""
    post = Post(**post_in.model_dump())
    db.add(post)
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        if constraint_name(error) == "fk_posts_author_id_users":
            raise InvalidInputError(
                ("body", "author_id"), f"User {post_in.author_id} does not exist"
            ) from error
        raise
    return get_post(db.connection(), post.id)


def update_post(db: Session, post_id: int, changes: PostUpdate) -> dict[str, Any]:
    """Apply the fields present in the body and stamp updated_at."""
    post = db.get(Post, post_id)
    if post is None:
        raise NotFoundError("Post", post_id)
    for field, value in changes.model_dump(exclude_unset=True).items():
        setattr(post, field, value)
    db.commit()
    return get_post(db.connection(), post_id)


def delete_post(db: Session, post_id: int) -> None:
    """Delete a post; PostgreSQL cascades to its comments."""
    deleted = db.execute(delete(Post).where(Post.id == post_id).returning(Post.id)).first()
    if deleted is None:
        raise NotFoundError("Post", post_id)
    db.commit()
