"""The async unit of work: `async with uow: ...; await uow.commit()`.

It owns the transaction. Leaving the block without commit() rolls back, so a refused
use case or an exception changes nothing. The commit happens inside the use case,
before the response is built: never in get_db, whose code after `yield` FastAPI runs
once the response has been sent (a failed commit there could not become a 409).
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession

from app.repositories import PostRepository, UserRepository


class UnitOfWork:
    """Repositories and the transaction of one use case, on the request's AsyncSession."""

    users: UserRepository
    posts: PostRepository

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def __aenter__(self) -> Self:
        """Start the use case with repositories on this session."""
        self.users = UserRepository(self.session)
        self.posts = PostRepository(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed."""
        await self.rollback()

    async def commit(self) -> None:
        """COMMIT the use case's work."""
        await self.session.commit()

    async def rollback(self) -> None:
        """ROLLBACK anything not committed (a no-op after a commit)."""
        await self.session.rollback()
