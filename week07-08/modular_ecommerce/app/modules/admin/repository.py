"""admin's own SQL: only the readiness probe (everything else goes through the modules)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


async def ping(session: AsyncSession) -> None:
    """One round trip to PostgreSQL; raises if it is unreachable or busy."""
    await session.execute(text("SELECT 1"))
