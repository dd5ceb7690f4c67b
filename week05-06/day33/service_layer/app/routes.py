"""The web layer's routes: request -> service -> response. No SQL, no rules, no commits."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from app.dependencies import UserId, UserServiceDep
from app.schemas import UserCreate, UserRead, UserWithPosts

router = APIRouter(prefix="/users", tags=["users"])

Responses = dict[int | str, dict[str, Any]]

NOT_FOUND: Responses = {404: {"description": "No user with this id"}}
CREATE_ERRORS: Responses = {
    409: {"description": "Email already registered"},
    422: {"description": "Invalid body, or an age outside 13-120"},
}
DEACTIVATE_ERRORS: Responses = {**NOT_FOUND, 409: {"description": "User already inactive"}}


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=UserRead, responses=CREATE_ERRORS
)
def create_user(user_in: UserCreate, service: UserServiceDep) -> UserRead:
    """Register a user with a generated username."""
    return service.create_user_with_validation(
        email=user_in.email, full_name=user_in.full_name, age=user_in.age
    )


@router.get("/{user_id}", response_model=UserWithPosts, responses=NOT_FOUND)
def read_user(user_id: UserId, service: UserServiceDep) -> UserWithPosts:
    """A user and their posts."""
    return service.get_user_with_posts(user_id)


@router.post("/{user_id}/deactivate", response_model=UserRead, responses=DEACTIVATE_ERRORS)
def deactivate_user(user_id: UserId, service: UserServiceDep) -> UserRead:
    """Deactivate a user."""
    return service.deactivate_user(user_id)
