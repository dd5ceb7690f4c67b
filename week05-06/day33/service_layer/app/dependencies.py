"""Wiring: one session per request, and the service built on it for each route."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from app.services.unit_of_work import SqlAlchemyUnitOfWork
from app.services.user_service import UserService

# PostgreSQL's INTEGER stops here; a larger id would be a database error, not a 404.
MAX_ID = 2**31 - 1


def get_db(request: Request) -> Iterator[Session]:
    """Open a session for this request and close it however the request ends.

    It never commits: FastAPI runs the code after `yield` once the response is sent,
    too late to report a failed commit. The unit of work commits inside the use case.
    """
    session: Session = request.app.state.session_factory()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_db)]


def get_user_service(session: SessionDep) -> UserService:
    """The user service on a unit of work over the request's session."""
    return UserService(SqlAlchemyUnitOfWork(session))


UserServiceDep = Annotated[UserService, Depends(get_user_service)]
UserId = Annotated[int, Path(ge=1, le=MAX_ID)]
