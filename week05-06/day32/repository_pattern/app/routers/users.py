"""The /users routes: validate (FastAPI does), call the repository, return the result."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, status

from app.dependencies import UserDep, UsersDep
from app.models import User
from app.schemas import UserCreate, UserRead

router = APIRouter(prefix="/users", tags=["users"])

Responses = dict[int | str, dict[str, Any]]

CONFLICT: Responses = {status.HTTP_409_CONFLICT: {"description": "Email already registered"}}
NOT_FOUND: Responses = {status.HTTP_404_NOT_FOUND: {"description": "No such user"}}

Offset = Annotated[int, Query(ge=0, le=2**31 - 1)]
Limit = Annotated[int, Query(ge=1, le=100)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=UserRead, responses=CONFLICT)
def create_user(user_in: UserCreate, users: UsersDep) -> User:
    """Register a user; 409 if the email is taken."""
    return users.add(User(**user_in.model_dump()))


@router.get("", response_model=list[UserRead])
def list_users(
    users: UsersDep, active: bool = False, offset: Offset = 0, limit: Limit = 100
) -> list[User]:
    """Users in id order, one page at a time; active=true keeps only active users."""
    if active:
        return users.list_active(offset=offset, limit=limit)
    return users.get_all(offset=offset, limit=limit)


@router.get("/by-email/{email}", response_model=UserRead, responses=NOT_FOUND)
def read_user_by_email(email: str, users: UsersDep) -> User:
    """The user with this email, whatever its case."""
    user = users.get_by_email(email)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"No user with email {email}")
    return user


@router.get("/{user_id}", response_model=UserRead, responses=NOT_FOUND)
def read_user(user: UserDep) -> User:
    """One user."""
    return user


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
def delete_user(user: UserDep, users: UsersDep) -> None:
    """Delete a user."""
    users.delete(user)
