"""Users with a role, their posts, and what each role may do (Permission, RolePermission).

A role is one of three fixed names (day 49); what a role may do is data, not code:
rows of role_permissions that an admin changes at run time.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, Enum, ForeignKey, String, Text, func, true
from sqlalchemy.orm import Mapped, mapped_column

from app.database import Base


class Role(StrEnum):
    """The roles of day 49. PostgreSQL stores the values (lower case) in the enum type `role`."""

    ADMIN = "admin"
    MODERATOR = "moderator"
    USER = "user"


# One PostgreSQL enum type, shared by users.role and role_permissions.role.
ROLE_TYPE = Enum(Role, name="role", values_callable=lambda roles: [role.value for role in roles])


class User(Base):
    """An account; its role decides what it may do, read from the database on every request."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    hashed_password: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(ROLE_TYPE, default=Role.USER, server_default=Role.USER.value)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Post(Base):
    """A post; its author may edit it with edit:own_post, anyone else needs edit:post."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Permission(Base):
    """A named right, "<action>:<resource>" (e.g. "edit:post"), seeded by a data migration."""

    __tablename__ = "permissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    description: Mapped[str] = mapped_column(String(200))


class RolePermission(Base):
    """Role `role` has permission `permission_id`: one row per grant, at most one per pair."""

    __tablename__ = "role_permissions"

    role: Mapped[Role] = mapped_column(ROLE_TYPE, primary_key=True)
    # Deleting a permission deletes its grants with it.
    permission_id: Mapped[int] = mapped_column(
        ForeignKey("permissions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
