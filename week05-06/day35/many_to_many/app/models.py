"""Posts and tags: a post carries many tags, a tag labels many posts (many-to-many)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Index, String, Table, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import Base

# The association table: one row per (post, tag) link and nothing else, so it is a plain
# Table used as `secondary`, not a model. Its primary key makes a link unique and serves
# "the tags of a post"; ix_post_tags_tag_id serves "the posts of a tag". Deleting a post
# or a tag deletes its links (ON DELETE CASCADE), never the other side.
post_tags = Table(
    "post_tags",
    Base.metadata,
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_post_tags_tag_id", "tag_id"),
)


class Post(Base):
    """A post: title, content, created_at, and its tags in alphabetical order."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    # passive_deletes: PostgreSQL's ON DELETE CASCADE removes the links, so deleting a post
    # does not first load its tags just to delete the rows in post_tags.
    tags: Mapped[list[Tag]] = relationship(
        secondary=post_tags, back_populates="posts", order_by="Tag.name", passive_deletes=True
    )


class Tag(Base):
    """A label: a unique lower-case name, and the posts it labels (oldest first)."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)

    posts: Mapped[list[Post]] = relationship(
        secondary=post_tags, back_populates="tags", order_by=Post.id, passive_deletes=True
    )
