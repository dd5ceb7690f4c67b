"""Async routes: request -> await service -> response. The event loop never blocks here."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from app.dependencies import MAX_ID, UserId, UserServiceDep
from app.schemas import PostCreate, PostRead, UserCreate, UserRead, UserWithPosts

router = APIRouter(prefix="/users", tags=["users"])

Responses = dict[int | str, dict[str, Any]]

NOT_FOUND: Responses = {404: {"description": "No user with this id"}}
CONFLICT: Responses = {409: {"description": "Email already registered"}}


@router.post("", status_code=status.HTTP_201_CREATED, response_model=UserRead, responses=CONFLICT)
async def create_user(user_in: UserCreate, service: UserServiceDep) -> UserRead:
    """Register a user; 409 if the email is taken."""
    return await service.create_user(email=user_in.email, name=user_in.name)


@router.get("", response_model=list[UserWithPosts])
async def list_users(
    service: UserServiceDep,
    skip: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[UserWithPosts]:
    """Users in id order, each with their posts."""
    return await service.list_users(skip=skip, limit=limit)


@router.get("/{user_id}", response_model=UserWithPosts, responses=NOT_FOUND)
async def read_user(user_id: UserId, service: UserServiceDep) -> UserWithPosts:
    """One user with their posts."""
    return await service.get_user(user_id)


@router.post(
    "/{user_id}/posts",
    status_code=status.HTTP_201_CREATED,
    response_model=PostRead,
    responses=NOT_FOUND,
)
async def create_post(user_id: UserId, post_in: PostCreate, service: UserServiceDep) -> PostRead:
    """A new post by this user."""
    return await service.add_post(user_id, title=post_in.title, content=post_in.content)
