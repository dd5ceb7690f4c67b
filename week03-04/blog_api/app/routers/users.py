"""/users: sign up, read, list, update and delete users, and list a user's posts."""

from fastapi import APIRouter, Response, status
from pydantic import MISSING

from app.crud import post as post_crud
from app.crud import user as user_crud
from app.crud.pagination import PageResult
from app.crud.post import PostRow
from app.crud.user import UserRow
from app.dependencies import CurrentUser, LockedUser, PageDep, PasswordsDep, SessionDep
from app.models import User
from app.routers import CONFLICT, JsonBodyRoute
from app.schemas.common import Page
from app.schemas.post import PostRead
from app.schemas.user import UserCreate, UserRead, UserUpdate

router = APIRouter(prefix="/users", tags=["users"], route_class=JsonBodyRoute)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    summary="Create a user",
    response_description="The new user (without any password data).",
    responses=CONFLICT,
)
async def create_user(user_in: UserCreate, db: SessionDep, passwords: PasswordsDep) -> User:
    """Register a user. The password is stored only as a bcrypt hash; 409 if the username
    (in any letter case) or the email is taken."""
    user = User(
        username=user_in.username,
        email=user_in.email,
        full_name=user_in.full_name,
        bio=user_in.bio,
        hashed_password=await passwords.hash(user_in.password),
    )
    await user_crud.save(db, user)
    return user


@router.get(
    "",
    response_model=Page[UserRead],
    summary="List users",
    response_description="One page of users in id order.",
)
async def list_users(db: SessionDep, page: PageDep) -> PageResult[UserRow]:
    """List users by id, with offset (`skip`) or keyset (`cursor`) pagination."""
    return await user_crud.list_page(db, page)


@router.get(
    "/{user_id}",
    response_model=UserRead,
    summary="Get a user",
    response_description="The user.",
)
async def get_user(user: CurrentUser) -> UserRow:
    """Return one user by id."""
    return user


@router.patch(
    "/{user_id}",
    response_model=UserRead,
    summary="Update a user",
    response_description="The user after the change.",
    responses=CONFLICT,
)
async def update_user(
    user: LockedUser, changes: UserUpdate, db: SessionDep, passwords: PasswordsDep
) -> User:
    """Change only the fields sent; a new password is re-hashed, a taken name or email is 409."""
    if changes.username is not MISSING:
        user.username = changes.username
    if changes.email is not MISSING:
        user.email = changes.email
    if changes.password is not MISSING:
        user.hashed_password = await passwords.hash(changes.password)
    if changes.full_name is not MISSING:
        user.full_name = changes.full_name
    if changes.bio is not MISSING:
        user.bio = changes.bio
    await user_crud.save(db, user)
    return user


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a user and everything they wrote",
    response_description="Deleted; no body.",
)
async def delete_user(user: LockedUser, db: SessionDep) -> Response:
    """Delete a user. Their posts, the comments on those posts and their own comments go too
    (ON DELETE CASCADE in the schema)."""
    await user_crud.delete(db, user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{user_id}/posts",
    response_model=Page[PostRead],
    summary="List a user's posts",
    response_description="One page of the user's posts, newest first.",
)
async def list_user_posts(user: CurrentUser, db: SessionDep, page: PageDep) -> PageResult[PostRow]:
    """All posts written by one user, newest first; 404 if the user does not exist."""
    return await post_crud.list_page(db, page, author_id=user.id)
