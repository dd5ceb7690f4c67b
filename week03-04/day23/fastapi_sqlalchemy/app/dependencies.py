"""Dependencies shared by the routes: one database session per request, and user lookup."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from sqlalchemy.orm import Session

from app import crud
from app.models import User

# PostgreSQL's INTEGER stops here; a larger id would be a database error, not a 404.
MAX_ID = 2**31 - 1


def get_db(request: Request) -> Iterator[Session]:
    """Open a session for this request and close it however the request ends."""
    session: Session = request.app.state.session_factory()
    try:
        yield session
    finally:
        # Runs after a response, an HTTPException or any other error raised in the route,
        # so the connection always goes back to the pool.
        session.close()


SessionDep = Annotated[Session, Depends(get_db)]


def get_user_or_404(user_id: Annotated[int, Path(ge=1, le=MAX_ID)], db: SessionDep) -> User:
    """The user named in the path, or a 404 with detail "User <id> not found"."""
    user = crud.get_user(db, user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"User {user_id} not found")
    return user


UserDep = Annotated[User, Depends(get_user_or_404)]
