"""The models Alembic compares the database with: autogenerate diffs Base.metadata."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, Enum, MetaData, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Parent of every model; its naming convention gives every constraint a stable name."""

    # Without names, PostgreSQL invents them ("users_email_key") and a later migration
    # cannot refer to a constraint it does not know the name of.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class UserRole(enum.StrEnum):
    """The values of PostgreSQL's ENUM type ``user_role``, in this order."""

    READER = "reader"
    AUTHOR = "author"
    ADMIN = "admin"


class User(Base):
    """A user; ``bio`` arrived in the second revision."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)
    role: Mapped[UserRole] = mapped_column(
        # values_callable stores "reader", not the member name "READER".
        Enum(UserRole, name="user_role", values_callable=lambda e: [m.value for m in e]),
        default=UserRole.READER,
        server_default=UserRole.READER.value,
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    bio: Mapped[str | None] = mapped_column(String(500))

    __table_args__ = (
        CheckConstraint("char_length(username) >= 3", name="username_min_length"),
        CheckConstraint("email = lower(email)", name="email_lowercase"),
    )
