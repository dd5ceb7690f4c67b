"""Users, their sessions (token families) and the refresh tokens of each session.

A login starts a family; every refresh adds one token to it and marks the one presented
as used. Revoking the family ends the session: every token in it, the newest included.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Uuid, func, true
from sqlalchemy.orm import Mapped, mapped_column

from app.database import Base


class User(Base):
    """A user account; a disabled one (is_active false) can neither log in nor be served."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    hashed_password: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class TokenFamily(Base):
    """One login session: every refresh token rotated from one login belongs to it."""

    __tablename__ = "token_families"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The absolute end of the session: no refresh reaches past it.
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # "logout", "reuse" (a used token came back: theft assumed) or "user_disabled".
    revoked_reason: Mapped[str | None] = mapped_column(String(20))


class RefreshToken(Base):
    """A refresh token, stored as the SHA-256 of the token: the token itself is never stored."""

    __tablename__ = "refresh_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    family_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("token_families.id", ondelete="CASCADE"), index=True
    )
    # 64 hex digits; unique, and the index every refresh looks the token up by.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Set once, by the refresh that rotates this token away; a second use is theft.
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
