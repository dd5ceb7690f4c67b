"""Users: customers who buy and review, admins who run the shop."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, DateTime, Enum, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.database import Base

if TYPE_CHECKING:
    from app.models.order import Order


class UserRole(enum.StrEnum):
    """What a user may do: customers shop, admins manage the catalog and see reports."""

    CUSTOMER = "customer"
    ADMIN = "admin"


class User(Base):
    """A person with an API token; only the token's SHA-256 is stored."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("length(token_hash) = 64", name="token_hash_is_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[UserRole] = mapped_column(
        Enum(UserRole, name="user_role", values_callable=lambda roles: [r.value for r in roles]),
        default=UserRole.CUSTOMER,
        server_default=UserRole.CUSTOMER.value,
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )

    orders: Mapped[list[Order]] = relationship(
        back_populates="user", lazy="raise", passive_deletes=True
    )
