"""Wiring: one AsyncSession per request, and the service on top of it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.ext.asyncio import AsyncSession

from app.services import UserService
from app.unit_of_work import UnitOfWork

# PostgreSQL's INTEGER stops here; a larger id would be a database error, not a 404.
MAX_ID = 2**31 - 1


async def get_db(request: Request) -> AsyncIterator[AsyncSession]:
    """An AsyncSession for this request (one per request: never share one between tasks).

    It is closed however the request ends, and never commits here: this code runs after
    the response has been sent, too late to answer 409 for a failed commit.
    """
    async with request.app.state.session_factory() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_db)]


def get_user_service(session: SessionDep) -> UserService:
    """The user service on a unit of work over the request's session."""
    return UserService(UnitOfWork(session))


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
UserId = Annotated[int, Path(ge=1, le=MAX_ID)]
