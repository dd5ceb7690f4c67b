"""The blog: users write posts, posts carry tags; the indexes the list queries rely on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Index, String, Table, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import Base

# Which tags a post carries. The primary key (post_id, tag_id) serves "the tags of a
# post"; ix_post_tags_tag_id serves the other direction, "the posts with this tag".
post_tags = Table(
    "post_tags",
    Base.metadata,
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_post_tags_tag_id", "tag_id"),
)


class User(Base):
    """An author, found by `?author=<username>` (the unique constraint is its index)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Tag(Base):
    """A label such as `python`; names are unique and stored in lower case."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class Post(Base):
    """A post: title, content, author, created_at, and its tags (by name)."""

    __tablename__ = "posts"
    __table_args__ = (
        # Trigram indexes (pg_trgm) are what make `ILIKE '%term%'` fast: a B-tree can only
        # help a pattern that starts with fixed text ('term%'), never one that starts with %.
        Index(
            "ix_posts_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
        ),
        Index(
            "ix_posts_content_trgm",
            "content",
            postgresql_using="gin",
            postgresql_ops={"content": "gin_trgm_ops"},
        ),
        # Serves the date range and the default order (created_at, then id) in one index.
        Index("ix_posts_created_at_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    author: Mapped[User] = relationship()
    tags: Mapped[list[Tag]] = relationship(secondary=post_tags, order_by=Tag.name)
