"""Users with a role, and the posts that moderators may remove."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import DateTime, Enum, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from app.database import Base

EMAIL_MAX_LENGTH = 255
TITLE_MAX_LENGTH = 200


class Role(StrEnum):
    """What a user may do. Each route lists the roles it lets through (require_role)."""

    ADMIN = "admin"
    MODERATOR = "moderator"
    USER = "user"


# A PostgreSQL ENUM type of the values ("admin", ...): the database itself refuses a role
# that does not exist, whoever writes the row.
ROLE_TYPE = Enum(
    Role, name="user_role", values_callable=lambda roles: [role.value for role in roles]
)


class User(Base):
    """A user account: a unique email, a password hash, and one role (default "user")."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(EMAIL_MAX_LENGTH), unique=True)
    # An argon2id hash is about 100 characters; 255 leaves room for stronger parameters.
    hashed_password: Mapped[str] = mapped_column(String(255))
    # Both defaults: the ORM's for new objects, PostgreSQL's for rows inserted by any other
    # means. Indexed: counting the admins is part of every role change.
    role: Mapped[Role] = mapped_column(
        ROLE_TYPE, default=Role.USER, server_default=Role.USER.value, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Post(Base):
    """A post by a user; its author is gone with it (ON DELETE CASCADE)."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX_LENGTH))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
