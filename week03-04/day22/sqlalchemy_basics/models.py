"""The User model: one Python class mapped to the users table."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, func
from sqlalchemy.orm import Mapped, mapped_column

from database import Base


class User(Base):
    """A row of users: id, email (unique), name, created_at (set by PostgreSQL)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    def __repr__(self) -> str:
        """Like User(id=1, email='ada@example.com', name='Ada Lovelace')."""
        return f"User(id={self.id!r}, email={self.email!r}, name={self.name!r})"
