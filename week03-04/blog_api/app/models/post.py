"""The posts table: each post belongs to one user."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import Base

if TYPE_CHECKING:
    from app.models.comment import Comment
    from app.models.user import User


class Post(Base):
    """A blog post written by a user; its comments go when it goes (ON DELETE CASCADE)."""

    __tablename__ = "posts"
    __table_args__ = (
        # (sort key, id) indexes serve both ORDER BY ... LIMIT and keyset (cursor) pages.
        Index("ix_posts_created_at_id", "created_at", "id"),
        Index("ix_posts_title_id", "title", "id"),
        Index("ix_posts_author_id_created_at_id", "author_id", "created_at", "id"),
        # Trigram indexes serve the search's ILIKE '%term%' without reading every row.
        Index(
            "ix_posts_title_trgm",
            "title",
            postgresql_using="gin",
            postgresql_ops={"title": "gin_trgm_ops"},
        ),
        Index(
            "ix_posts_body_trgm",
            "body",
            postgresql_using="gin",
            postgresql_ops={"body": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # clock_timestamp(), not now(): rows inserted in one transaction still get distinct times.
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )
    updated_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), onupdate=func.clock_timestamp()
    )

    author: Mapped[User] = relationship(back_populates="posts", lazy="raise")
    comments: Mapped[list[Comment]] = relationship(
        back_populates="post", passive_deletes=True, lazy="raise"
    )
