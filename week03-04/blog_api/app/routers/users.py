"""/users: sign up, read, list, update and delete users, and list a user's posts."""

from fastapi import APIRouter, Response, status
from starlette.concurrency import run_in_threadpool

from app.crud import post as post_crud
from app.crud import user as user_crud
from app.crud.pagination import PageData
from app.dependencies import DatabaseDep, PageDep, PasswordsDep, UserId
from app.routers import CONFLICT
from app.schemas.common import Page
from app.schemas.post import PostRead
from app.schemas.user import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    summary="Create a user",
    response_description="The new user (without any password data).",
    responses=CONFLICT,
)
async def create_user(user_in: UserCreate, db: DatabaseDep, passwords: PasswordsDep) -> UserRead:
    """Register a user. The password is stored only as a bcrypt hash; 409 if the username
    or email is taken."""
    hashed = await run_in_threadpool(passwords.hash, user_in.password)
    return await db.run(user_crud.create_user, user_in, hashed)


@router.get(
    "",
    response_model=Page[UserRead],
    summary="List users",
    response_description="One page of users in id order.",
)
async def list_users(db: DatabaseDep, page: PageDep) -> PageData:
    """List users by id, with offset (`skip`) or keyset (`cursor`) pagination."""
    return await db.run(user_crud.list_users, page)


@router.get(
    "/{user_id}",
    response_model=UserRead,
    summary="Get a user",
    response_description="The user.",
)
async def get_user(user_id: UserId, db: DatabaseDep) -> UserRead:
    """Return one user by id."""
    return await db.run(user_crud.get_user, user_id)


@router.patch(
    "/{user_id}",
    response_model=UserRead,
    summary="Update a user",
    response_description="The user after the change.",
    responses=CONFLICT,
)
async def update_user(
    user_id: UserId, changes: UserUpdate, db: DatabaseDep, passwords: PasswordsDep
) -> UserRead:
    """Change only the fields sent; a new password is re-hashed, a taken name or email is 409."""
    hashed = None
    if changes.password is not None:
        hashed = await run_in_threadpool(passwords.hash, changes.password)
    return await db.run(user_crud.update_user, user_id, changes, hashed)


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a user and everything they wrote",
    response_description="Deleted; no body.",
)
async def delete_user(user_id: UserId, db: DatabaseDep) -> Response:
    """Delete a user. Their posts, the comments on those posts and their own comments go too
    (ON DELETE CASCADE in the schema)."""
    await db.run(user_crud.delete_user, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{user_id}/posts",
    response_model=Page[PostRead],
    summary="List a user's posts",
    response_description="One page of the user's posts, newest first.",
)
async def list_user_posts(user_id: UserId, db: DatabaseDep, page: PageDep) -> PageData:
    """All posts written by one user, newest first; 404 if the user does not exist."""
    return await db.run(post_crud.list_user_posts, user_id, page)
