"""Dependencies: one session (and transaction) per request, the user repository, user lookup."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request, status
from sqlalchemy.orm import Session

from app.models import User
from app.repositories.user_repository import AbstractUserRepository, UserRepository

# PostgreSQL's INTEGER stops here; a larger id would be a database error, not a 404.
MAX_ID = 2**31 - 1


def get_db(request: Request) -> Iterator[Session]:
    """One session per request: commit if the route returned, roll back if it raised."""
    session: Session = request.app.state.session_factory()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


# scope="function": FastAPI 0.118+ would otherwise run the code after `yield` once the
# response is sent, and a failed commit could no longer change the answer.
SessionDep = Annotated[Session, Depends(get_db, scope="function")]


def get_user_repository(db: SessionDep) -> AbstractUserRepository:
    """The routes' only way to users: tests may swap in InMemoryUserRepository."""
    return UserRepository(db)


UsersDep = Annotated[AbstractUserRepository, Depends(get_user_repository)]


def get_user_or_404(user_id: Annotated[int, Path(ge=1, le=MAX_ID)], users: UsersDep) -> User:
    """The user named in the path, or a 404 with detail "User <id> not found"."""
    user = users.get(user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"User {user_id} not found")
    return user


UserDep = Annotated[User, Depends(get_user_or_404)]
