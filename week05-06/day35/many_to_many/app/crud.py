"""Database work for posts, tags and the links between them; one commit per use case."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.models import Post, Tag, post_tags
from app.schemas import PostCreate, TagCreate

TAG_NAME_CONSTRAINT = "uq_tags_name"
LINK_POST_CONSTRAINT = "fk_post_tags_post_id_posts"
LINK_TAG_CONSTRAINT = "fk_post_tags_tag_id_tags"


class PostNotFound(Exception):
    """No post has this id."""

    def __init__(self, post_id: int) -> None:
        super().__init__(f"Post {post_id} not found")


class TagNotFound(Exception):
    """No tag has this id."""

    def __init__(self, tag_id: int) -> None:
        super().__init__(f"Tag {tag_id} not found")


class TagExists(Exception):
    """Another tag already has this name."""

    def __init__(self, name: str) -> None:
        super().__init__(f"Tag {name} already exists")


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL reported (psycopg2 puts it in diag)."""
    name = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    return name if isinstance(name, str) else None


@contextmanager
def constraint_errors(db: Session, errors: dict[str, Exception]) -> Iterator[None]:
    """Roll back on IntegrityError; a violated constraint named in `errors` raises its
    domain error instead (anything else is re-raised: a bug, not the client's mistake)."""
    try:
        yield
    except IntegrityError as error:
        db.rollback()
        domain_error = errors.get(violated_constraint(error) or "")
        if domain_error is not None:
            raise domain_error from error
        raise


def create_post(db: Session, post_in: PostCreate) -> Post:
    """Insert a post without tags."""
    post = Post(title=post_in.title, content=post_in.content, tags=[])
    db.add(post)
    db.commit()
    return post


def get_post(db: Session, post_id: int) -> Post:
    """One post with its tags (selectinload); PostNotFound if there is none."""
    query = (
        select(Post)
        .where(Post.id == post_id)
        .options(selectinload(Post.tags))
        # The links may have changed behind this session's back (add/remove use Core SQL):
        # refresh an already-loaded post instead of trusting its cached tags.
        .execution_options(populate_existing=True)
    )
    post = db.scalars(query).one_or_none()
    if post is None:
        raise PostNotFound(post_id)
    return post


def has_all_tags(names: Sequence[str]) -> ColumnElement[bool]:
    """The post carries every tag in `names`: its matching links number len(set(names))."""
    wanted = set(names)
    tagged = (
        select(post_tags.c.post_id)
        .join(Tag, Tag.id == post_tags.c.tag_id)
        .where(Tag.name.in_(wanted))
        .group_by(post_tags.c.post_id)
        .having(func.count() == len(wanted))
    )
    return Post.id.in_(tagged)


def list_posts(
    db: Session, tags: Sequence[str] = (), *, limit: int = 20, offset: int = 0
) -> Sequence[Post]:
    """Posts by id, each with its tags; with `tags`, only posts carrying all of them.

    Two statements whatever the page size: the posts, then every tag of those posts.
    """
    query = select(Post).options(selectinload(Post.tags)).order_by(Post.id)
    if tags:
        query = query.where(has_all_tags(tags))
    return db.scalars(query.limit(limit).offset(offset)).all()


def create_tag(db: Session, tag_in: TagCreate) -> Tag:
    """Insert a tag; TagExists if the (lower-case) name is taken."""
    tag = Tag(name=tag_in.name)
    # The unique constraint decides, not a lookup first: two requests cannot both pass it.
    with constraint_errors(db, {TAG_NAME_CONSTRAINT: TagExists(tag_in.name)}):
        db.add(tag)
        db.commit()
    return tag


def list_tags(db: Session) -> Sequence[Tag]:
    """Every tag, by name."""
    return db.scalars(select(Tag).order_by(Tag.name)).all()


def _ensure_exists(db: Session, post_id: int, tag_id: int) -> None:
    """PostNotFound, then TagNotFound: the post is checked first."""
    if db.get(Post, post_id) is None:
        raise PostNotFound(post_id)
    if db.get(Tag, tag_id) is None:
        raise TagNotFound(tag_id)


def add_tag_to_post(db: Session, post_id: int, tag_id: int) -> Post:
    """Link the tag to the post and return the post with its tags; a second call is harmless.

    INSERT ... ON CONFLICT DO NOTHING: an existing link (even one another transaction is
    committing right now) is left alone, where `post.tags.append(tag)` would try to insert
    it again and fail on the primary key.
    """
    _ensure_exists(db, post_id, tag_id)
    link = insert(post_tags).values(post_id=post_id, tag_id=tag_id).on_conflict_do_nothing()
    # The foreign keys cover a post or tag deleted between the check and the insert.
    missing = {
        LINK_POST_CONSTRAINT: PostNotFound(post_id),
        LINK_TAG_CONSTRAINT: TagNotFound(tag_id),
    }
    with constraint_errors(db, missing):
        db.execute(link)
        db.commit()
    return get_post(db, post_id)


def remove_tag_from_post(db: Session, post_id: int, tag_id: int) -> None:
    """Unlink the tag from the post; nothing to do if it was not on the post."""
    _ensure_exists(db, post_id, tag_id)
    link = (post_tags.c.post_id == post_id) & (post_tags.c.tag_id == tag_id)
    db.execute(delete(post_tags).where(link))
    db.commit()


def posts_with_tag(db: Session, tag_id: int, *, limit: int = 20, offset: int = 0) -> Sequence[Post]:
    """The posts carrying this tag, by id, each with all its tags; TagNotFound if none."""
    if db.get(Tag, tag_id) is None:
        raise TagNotFound(tag_id)
    query = (
        select(Post)
        .join(post_tags, post_tags.c.post_id == Post.id)
        .where(post_tags.c.tag_id == tag_id)
        .options(selectinload(Post.tags))
        .order_by(Post.id)
    )
    return db.scalars(query.limit(limit).offset(offset)).all()
