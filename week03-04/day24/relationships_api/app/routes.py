"""The /users and /posts routes; which relations load, and how, is decided in crud."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, status

from app import crud
from app.dependencies import SessionDep
from app.models import Post, User
from app.schemas import (
    MAX_ID,
    PostCreate,
    PostRead,
    PostWithOwner,
    UserCreate,
    UserRead,
    UserWithPosts,
)

users = APIRouter(prefix="/users", tags=["users"])
posts = APIRouter(prefix="/posts", tags=["posts"])

Responses = dict[int | str, dict[str, Any]]
CONFLICT: Responses = {status.HTTP_409_CONFLICT: {"description": "Email already registered"}}
NOT_FOUND: Responses = {status.HTTP_404_NOT_FOUND: {"description": "No user with this id"}}
UserIdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
Skip = Annotated[int, Query(ge=0)]
Limit = Annotated[int, Query(ge=1, le=100)]


@users.post("", status_code=status.HTTP_201_CREATED, response_model=UserRead, responses=CONFLICT)
def create_user(user_in: UserCreate, db: SessionDep) -> User:
    """Register a user; 409 if the email is taken."""
    return crud.create_user(db, user_in)


@users.get("", response_model=list[UserWithPosts])
def list_users(db: SessionDep, skip: Skip = 0, limit: Limit = 100) -> Sequence[User]:
    """Users with their posts: two queries for the whole page."""
    return crud.list_users_with_posts(db, skip=skip, limit=limit)


@users.get("/{user_id}", response_model=UserWithPosts, responses=NOT_FOUND)
def read_user(user_id: UserIdPath, db: SessionDep) -> User:
    """One user with all their posts."""
    return crud.get_user_with_posts(db, user_id)


@users.get("/{user_id}/posts", response_model=list[PostRead], responses=NOT_FOUND)
def list_user_posts(user_id: UserIdPath, db: SessionDep) -> list[Post]:
    """The posts of one user, oldest first; 404 if the user does not exist."""
    return crud.get_user_with_posts(db, user_id).posts


@users.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
def delete_user(user_id: UserIdPath, db: SessionDep) -> None:
    """Delete a user and, by cascade, their posts."""
    crud.delete_user(db, user_id)


@posts.post("", status_code=status.HTTP_201_CREATED, response_model=PostRead, responses=NOT_FOUND)
def create_post(post_in: PostCreate, db: SessionDep) -> Post:
    """Write a post for the user named by user_id; 404 if there is no such user."""
    return crud.create_post(db, post_in)


@posts.get("", response_model=list[PostWithOwner])
def list_posts(db: SessionDep, skip: Skip = 0, limit: Limit = 100) -> Sequence[Post]:
    """Posts with their authors: one query with a JOIN."""
    return crud.list_posts_with_owners(db, skip=skip, limit=limit)
