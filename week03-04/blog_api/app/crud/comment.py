"""Comment queries, read the same way as posts: selected columns mapped to dicts."""

from typing import Any

from sqlalchemy import bindparam, delete, func, select
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.crud.integrity import constraint_name
from app.crud.pagination import PageData, PageRequest, SortKey, fetch_page, parse_datetime
from app.crud.post import ensure_post_exists
from app.errors import InvalidInputError, NotFoundError
from app.models import Comment, User
from app.schemas.comment import CommentCreate, CommentUpdate

# A discussion reads oldest first.
_OLDEST_FIRST = SortKey(
    "created_at", Comment.created_at, Comment.id, descending=False, parse=parse_datetime
)


# Every column a CommentRead needs, with the author's username joined in; built once.
_COMMENT_ROWS = select(
    Comment.id,
    Comment.post_id,
    Comment.body,
    Comment.created_at,
    Comment.updated_at,
    Comment.author_id,
    User.username.label("author_username"),
).join(User, Comment.author_id == User.id)
_COMMENT_BY_ID = _COMMENT_ROWS.where(Comment.id == bindparam("comment_id"))


def _to_item(row: RowMapping) -> dict[str, Any]:
    """Shape one row as a CommentRead dict."""
    return {
        "id": row["id"],
        "post_id": row["post_id"],
        "body": row["body"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "author": {"id": row["author_id"], "username": row["author_username"]},
    }


def list_comments(db: Session, post_id: int, page: PageRequest) -> PageData:
    """Comments on one post, oldest first; NotFoundError if the post does not exist."""
    ensure_post_exists(db, post_id)
    rows = _COMMENT_ROWS.where(Comment.post_id == post_id)
    count = select(func.count()).select_from(Comment).where(Comment.post_id == post_id)
    return fetch_page(db.connection(), rows, count, _OLDEST_FIRST, page, _to_item)


def get_comment(db: Session, comment_id: int) -> dict[str, Any]:
    """One comment as a CommentRead dict, or NotFoundError."""
    row = db.connection().execute(_COMMENT_BY_ID, {"comment_id": comment_id}).mappings().first()
    if row is None:
        raise NotFoundError("Comment", comment_id)
    return _to_item(row)


def create_comment(db: Session, post_id: int, comment_in: CommentCreate) -> dict[str, Any]:
    """Insert a comment; an unknown post is a 404, an unknown author a 422."""
    comment = Comment(post_id=post_id, **comment_in.model_dump())
    db.add(comment)
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        name = constraint_name(error)
        if name == "fk_comments_post_id_posts":
            raise NotFoundError("Post", post_id) from error
        if name == "fk_comments_author_id_users":
            raise InvalidInputError(
                ("body", "author_id"), f"User {comment_in.author_id} does not exist"
            ) from error
        raise
    return get_comment(db, comment.id)


def update_comment(db: Session, comment_id: int, changes: CommentUpdate) -> dict[str, Any]:
    """Replace a comment's text and stamp updated_at."""
    comment = db.get(Comment, comment_id)
    if comment is None:
        raise NotFoundError("Comment", comment_id)
    comment.body = changes.body
    db.commit()
    return get_comment(db, comment_id)


def delete_comment(db: Session, comment_id: int) -> None:
    """Delete one comment."""
    deleted = db.execute(
        delete(Comment).where(Comment.id == comment_id).returning(Comment.id)
    ).first()
    if deleted is None:
        raise NotFoundError("Comment", comment_id)
    db.commit()
