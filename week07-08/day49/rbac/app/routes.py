"""The routes, grouped by who may call them: anyone, any signed-in user, moderators, admins."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Response, status
from fastapi.security import OAuth2PasswordRequestFormStrict

from app import service
from app.dependencies import (
    ClockDep,
    CurrentUser,
    HasherDep,
    SessionDep,
    SettingsDep,
    require_role,
)
from app.models import Post, Role, User
from app.oauth2 import NO_STORE, OAuth2Error, OAuth2TokenRoute, reject_repeated_parameters
from app.schemas import (
    OAuth2ErrorBody,
    PostCreate,
    PostRead,
    RoleChange,
    TokenResponse,
    UserCreate,
    UserRead,
)
from app.security import create_access_token

Responses = dict[int | str, dict[str, Any]]

NEEDS_TOKEN: Responses = {401: {"description": "No token, or an invalid or expired one"}}
NEEDS_ROLE: Responses = {**NEEDS_TOKEN, 403: {"description": "Insufficient permissions"}}
NOT_FOUND: Responses = {404: {"description": "Not found"}}
# Ids bounded to PostgreSQL's INTEGER: a huge id is a 422, not a 500.
PostId = Annotated[int, Path(ge=1, le=2**31 - 1)]
UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]

# One dependency per group of roles, made once: a route that also asks for the user (Admin,
# Moderator) gets the router's check again from FastAPI's per-request cache, not a second run.
any_member = require_role(Role.USER, Role.MODERATOR, Role.ADMIN)
moderator_or_admin = require_role(Role.MODERATOR, Role.ADMIN)
admin_only = require_role(Role.ADMIN)
Moderator = Annotated[User, Depends(moderator_or_admin)]
Admin = Annotated[User, Depends(admin_only)]

# Public: registration (always role "user") and the OAuth2 token endpoint (day 48).
router = APIRouter(tags=["auth"])
token_router = APIRouter(route_class=OAuth2TokenRoute, tags=["auth"])
# Every role. (require_role(Role.USER) alone would lock moderators and admins out.)
members = APIRouter(dependencies=[Depends(any_member)], responses=NEEDS_TOKEN)
moderators = APIRouter(
    dependencies=[Depends(moderator_or_admin)], responses=NEEDS_ROLE, tags=["moderation"]
)
admins = APIRouter(
    prefix="/admin", dependencies=[Depends(admin_only)], responses=NEEDS_ROLE, tags=["admin"]
)


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses={409: {"description": "Email already registered"}},
)
def register(user_in: UserCreate, db: SessionDep, hasher: HasherDep) -> User:
    """Create an account with the role "user"; a role in the body is refused (422)."""
    return service.register_user(db, hasher, user_in)


@token_router.post(
    "/token",
    response_model=TokenResponse,
    responses={400: {"model": OAuth2ErrorBody, "description": "RFC 6749 5.2"}},
    dependencies=[Depends(reject_repeated_parameters)],
)
def issue_token(
    form: Annotated[OAuth2PasswordRequestFormStrict, Depends()],
    response: Response,
    db: SessionDep,
    hasher: HasherDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> TokenResponse:
    """The OAuth2 password grant (day 48). The token names the user, never the role."""
    user = service.authenticate(db, hasher, form.username, form.password)
    if user is None:
        raise OAuth2Error("invalid_grant", "Incorrect username or password")
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    token = create_access_token({"sub": str(user.id)}, lifetime, settings=settings, now=clock)
    response.headers.update(NO_STORE)
    return TokenResponse(
        access_token=token, token_type="bearer", expires_in=int(lifetime.total_seconds())
    )


@members.get("/users/me", response_model=UserRead, tags=["users"])
def read_me(user: CurrentUser) -> User:
    """The signed-in user, with the role they have now."""
    return user


@members.get("/posts", response_model=list[PostRead], tags=["posts"])
def list_posts(db: SessionDep) -> Sequence[Post]:
    """Every post, newest first."""
    return service.list_posts(db)


@members.post(
    "/posts", status_code=status.HTTP_201_CREATED, response_model=PostRead, tags=["posts"]
)
def create_post(post_in: PostCreate, user: CurrentUser, db: SessionDep) -> Post:
    """Publish a post as the signed-in user."""
    return service.create_post(db, user, post_in)


@moderators.delete("/posts/{post_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
def delete_post(post_id: PostId, moderator: Moderator, db: SessionDep) -> None:
    """Remove any post (moderators and admins). A user gets 403 whether the post exists or not."""
    service.delete_post(db, post_id, deleted_by=moderator.id)


@admins.get("/users", response_model=list[UserRead])
def list_users(db: SessionDep) -> Sequence[User]:
    """Every user with their role (admins only)."""
    return service.list_users(db)


@admins.patch(
    "/users/{user_id}/role",
    response_model=UserRead,
    responses={**NOT_FOUND, 409: {"description": "The last admin cannot be demoted"}},
)
def change_user_role(user_id: UserId, change: RoleChange, admin: Admin, db: SessionDep) -> User:
    """Give a user another role (admins only); 409 if it would leave no admin."""
    return service.change_role(db, user_id, change.role, changed_by=admin.id)
