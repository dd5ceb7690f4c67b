"""Users and posts: one user has many posts, each post has one owner."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import Base


class User(Base):
    """An author: id, email (unique), name, created_at, and posts (oldest first)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    # Cascade decision: a post has no meaning without its author, so deleting a user
    # deletes their posts. The ORM cascade covers objects in the session; ON DELETE
    # CASCADE on the foreign key covers the rest, and passive_deletes=True lets
    # PostgreSQL do it without SQLAlchemy first loading every post.
    posts: Mapped[list[Post]] = relationship(
        back_populates="owner",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Post.id",
    )


class Post(Base):
    """A post written by one user: id, title, content, user_id, created_at, and owner."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    owner: Mapped[User] = relationship(back_populates="posts")
