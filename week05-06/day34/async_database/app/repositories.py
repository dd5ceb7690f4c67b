"""Async repositories: every database call is awaited, and nothing here commits.

Each query states what it loads: a User from get() has no posts loaded (touching
`user.posts` raises), one from get_with_posts() or get_all() has them.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.errors import EmailTaken
from app.models import Post, User

EMAIL_CONSTRAINT = "uq_users_email"


def violated_constraint(error: IntegrityError) -> str | None:
    """The constraint PostgreSQL named, or None.

    `error.orig` is SQLAlchemy's wrapper; its `driver_exception` is asyncpg's own
    exception, whose `constraint_name` says which constraint was violated.
    """
    driver_error = getattr(error.orig, "driver_exception", None)
    name = getattr(driver_error, "constraint_name", None)
    return name if isinstance(name, str) else None


class UserRepository:
    """Users in PostgreSQL, through the unit of work's AsyncSession."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, user: User) -> None:
        """INSERT now (flush): a taken email raises EmailTaken here, before any commit."""
        self.session.add(user)
        try:
            await self.session.flush()
        except IntegrityError as error:
            if violated_constraint(error) == EMAIL_CONSTRAINT:
                raise EmailTaken(user.email) from error
            raise

    async def get(self, user_id: int) -> User | None:
        """The user (posts not loaded), or None."""
        return await self.session.get(User, user_id)

    async def get_with_posts(self, user_id: int) -> User | None:
        """The user with their posts loaded, or None."""
        query = select(User).where(User.id == user_id).options(selectinload(User.posts))
        return await self.session.scalar(query)

    async def get_all(self, *, skip: int = 0, limit: int = 100) -> Sequence[User]:
        """A page of users in id order, posts loaded: two statements for any page size."""
        query = (
            select(User)
            .order_by(User.id)
            .offset(skip)
            .limit(limit)
            .options(selectinload(User.posts))
        )
        return (await self.session.scalars(query)).all()


class PostRepository:
    """Posts in PostgreSQL."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, post: Post) -> None:
        """INSERT now, so the post has its id and created_at."""
        self.session.add(post)
        await self.session.flush()
