"""The /users routes: each one is a few lines, the work is in crud and dependencies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from app import crud
from app.dependencies import SessionDep, UserDep
from app.models import User
from app.schemas import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])

Responses = dict[int | str, dict[str, Any]]

CONFLICT: Responses = {status.HTTP_409_CONFLICT: {"description": "Email already registered"}}
NOT_FOUND: Responses = {status.HTTP_404_NOT_FOUND: {"description": "No user with this id"}}


@router.post("", status_code=status.HTTP_201_CREATED, response_model=UserRead, responses=CONFLICT)
def create_user(user_in: UserCreate, db: SessionDep) -> User:
    """Register a user; 409 if the email is taken."""
    return crud.create_user(db, user_in)


@router.get("", response_model=list[UserRead])
def list_users(
    db: SessionDep,
    skip: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 100,
) -> Sequence[User]:
    """Users in id order, one page at a time."""
    return crud.list_users(db, skip=skip, limit=limit)


@router.get("/{user_id}", response_model=UserRead, responses=NOT_FOUND)
def read_user(user: UserDep) -> User:
    """One user."""
    return user


@router.put("/{user_id}", response_model=UserRead, responses={**NOT_FOUND, **CONFLICT})
def replace_user(user_in: UserUpdate, user: UserDep, db: SessionDep) -> User:
    """Replace a user's email and name; 409 if the email belongs to another user."""
    return crud.replace_user(db, user, user_in)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
def delete_user(user: UserDep, db: SessionDep) -> None:
    """Delete a user."""
    crud.delete_user(db, user)
