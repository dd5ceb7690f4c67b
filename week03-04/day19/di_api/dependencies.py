"""Reusable dependencies: where the store comes from, pagination, and loading a user."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Query, Request, status

from models import User
from storage import UserNotFoundError, UserStore


def get_store(request: Request) -> UserStore:
    """The app's store, created by create_app (tests may override this dependency)."""
    store: UserStore = request.app.state.store
    return store


StoreDep = Annotated[UserStore, Depends(get_store)]


@dataclass(frozen=True)
class Pagination:
    """Which slice of a list to return."""

    skip: int
    limit: int


def get_pagination(
    skip: Annotated[int, Query(ge=0, description="How many items to skip")] = 0,
    limit: Annotated[int, Query(ge=1, le=100, description="At most this many items")] = 10,
) -> Pagination:
    """Read and bound ?skip=&limit= once, for every list route: a Pagination of the two."""
    return Pagination(skip=skip, limit=limit)


PaginationDep = Annotated[Pagination, Depends(get_pagination)]


def get_user_by_id(user_id: Annotated[int, Path(ge=1)], store: StoreDep) -> User:
    """Load the user named in the path: the one place the "does it exist?" check lives.

    Raises HTTPException 404 with detail "User <user_id> not found" for an unknown id.
    """
    try:
        return store.get(user_id)
    except UserNotFoundError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"User {user_id} not found") from None


UserDep = Annotated[User, Depends(get_user_by_id)]
