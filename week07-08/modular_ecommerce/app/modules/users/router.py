"""HTTP for users: the caller's profile, anyone's public profile, the admin's search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.modules.auth.dependencies import CurrentUser, Public, RequirePermission
from app.modules.auth.schemas import Principal, RoleName
from app.modules.users import service
from app.modules.users.schemas import MeRead, ProfileUpdate, PublicProfile, UserSummary
from app.shared.dependencies import UowDep
from app.shared.pagination import MAX_ID, Page, PageDep
from app.shared.responses import error_responses

router = APIRouter(prefix="/users", tags=["users"])

UserId = Annotated[int, Path(ge=1, le=MAX_ID, description="The user's id.")]
CanReadUsers = Annotated[Principal, Depends(RequirePermission("users:read"))]


@router.get("/me", responses=error_responses(401), summary="My profile")
async def read_me(user: CurrentUser, uow: UowDep) -> MeRead:
    """Your account (email, role, verification) and your profile."""
    return await service.get_me(uow, user)


@router.put("/me", responses=error_responses(401, 422), summary="Update my profile")
async def update_me(data: ProfileUpdate, user: CurrentUser, uow: UowDep) -> MeRead:
    """Replace your profile: display name, bio, and an http(s) picture URL."""
    return await service.update_me(uow, user, data)


@router.get(
    "",
    responses=error_responses(401, 403, 422),
    summary="Search users (admin)",
)
async def search_users(
    _: CanReadUsers,
    uow: UowDep,
    page: PageDep,
    email: Annotated[str | None, Query(min_length=1, max_length=254)] = None,
    role: Annotated[RoleName | None, Query()] = None,
    banned: bool | None = None,
) -> Page[UserSummary]:
    """Users whose email contains `email` (any case), optionally of one role or ban state."""
    return await service.search_users(uow, page, email=email, role=role, banned=banned)


@router.get(
    "/{user_id}",
    dependencies=[Public],
    responses=error_responses(404, 422),
    summary="A user's public profile",
)
async def read_profile(user_id: UserId, uow: UowDep) -> PublicProfile:
    """The display name, bio and picture anyone may see."""
    return await service.public_profile(uow, user_id)
