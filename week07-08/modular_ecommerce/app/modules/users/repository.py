"""The only code that writes SQL for profiles. It flushes, never commits."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.modules.users.models import UserProfile


class ProfileRepository:
    """Profiles in PostgreSQL, through the use case's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: int) -> UserProfile | None:
        """The user's profile, or None if they never wrote one."""
        return await self.session.get(UserProfile, user_id)

    async def many(self, user_ids: Iterable[int]) -> dict[int, UserProfile]:
        """The profiles of these users that exist, by user id (one statement)."""
        ids = list(user_ids)
        if not ids:
            return {}
        rows = await self.session.scalars(select(UserProfile).where(UserProfile.user_id.in_(ids)))
        return {profile.user_id: profile for profile in rows}

    async def put(
        self, user_id: int, display_name: str | None, bio: str | None, avatar_url: str | None
    ) -> UserProfile:
        """Write the user's whole profile (INSERT, or UPDATE if one exists) and return it."""
        values = {"display_name": display_name, "bio": bio, "avatar_url": avatar_url}
        statement = (
            insert(UserProfile)
            .values(user_id=user_id, **values)
            .on_conflict_do_update(index_elements=[UserProfile.user_id], set_=values)
            .returning(UserProfile)
        )
        profile = await self.session.scalar(
            statement, execution_options={"populate_existing": True}
        )
        assert profile is not None
        return profile
