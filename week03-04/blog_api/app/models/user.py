"""The users table: authors of posts and comments."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import DateTime, Index, String, column, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import Base

if TYPE_CHECKING:
    from app.models.comment import Comment
    from app.models.post import Post


class User(Base):
    """A registered author; deleting one deletes their posts and comments (ON DELETE CASCADE)."""

    __tablename__ = "users"
    # "Ada" and "ada" are the same person to a reader: usernames are unique whatever their
    # case, and keep the case they were written in. Emails are stored lower-cased.
    __table_args__ = (
        Index("uq_users_username_lower", func.lower(column("username")), unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    hashed_password: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str | None] = mapped_column(String(100))
    bio: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )

    # passive_deletes: the database cascades, so nothing is loaded just to be deleted;
    # lazy="raise": a collection is loaded on purpose (selectinload) or not at all.
    posts: Mapped[list[Post]] = relationship(
        back_populates="author", passive_deletes=True, lazy="raise"
    )
    comments: Mapped[list[Comment]] = relationship(
        back_populates="author", passive_deletes=True, lazy="raise"
    )
