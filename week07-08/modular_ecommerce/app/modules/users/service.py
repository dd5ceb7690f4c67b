"""users' use cases: a user's own profile, public profiles, and the admin's user search."""

from __future__ import annotations

from app.modules.auth import service as auth_service
from app.modules.auth.schemas import AccountRead, Principal
from app.modules.users.models import UserProfile
from app.modules.users.repository import ProfileRepository
from app.modules.users.schemas import MeRead, ProfileUpdate, PublicProfile, UserSummary
from app.shared.exceptions import NotFound
from app.shared.pagination import Page, PageRequest
from app.shared.unit_of_work import UnitOfWork


def _me(account: AccountRead, profile: UserProfile | None) -> MeRead:
    return MeRead(
        id=account.id,
        email=account.email,
        email_verified=account.email_verified,
        role=account.role,
        member_since=account.created_at,
        display_name=profile.display_name if profile else None,
        bio=profile.bio if profile else None,
        avatar_url=profile.avatar_url if profile else None,
    )


async def get_me(uow: UnitOfWork, user: Principal) -> MeRead:
    """The caller's account and profile."""
    async with uow:
        account = await auth_service.get_account(uow, user.id)
        if account is None:
            raise NotFound(f"User {user.id} not found")
        return _me(account, await ProfileRepository(uow.session).get(user.id))


async def update_me(uow: UnitOfWork, user: Principal, data: ProfileUpdate) -> MeRead:
    """Replace the caller's profile with `data`."""
    async with uow:
        account = await auth_service.get_account(uow, user.id)
        if account is None:
            raise NotFound(f"User {user.id} not found")
        avatar = str(data.avatar_url) if data.avatar_url else None
        profile = await ProfileRepository(uow.session).put(
            user.id, data.display_name, data.bio, avatar
        )
        me = _me(account, profile)
        await uow.commit()
    return me


async def public_profile(uow: UnitOfWork, user_id: int) -> PublicProfile:
    """What anyone may see of a user; NotFound for an unknown or banned user."""
    async with uow:
        account = await auth_service.get_account(uow, user_id)
        if account is None or account.banned:
            raise NotFound(f"User {user_id} not found")
        profile = await ProfileRepository(uow.session).get(user_id)
    return PublicProfile(
        id=user_id,
        display_name=profile.display_name if profile else None,
        bio=profile.bio if profile else None,
        avatar_url=profile.avatar_url if profile else None,
        member_since=account.created_at,
    )


async def search_users(
    uow: UnitOfWork,
    page: PageRequest,
    *,
    email: str | None = None,
    role: str | None = None,
    banned: bool | None = None,
) -> Page[UserSummary]:
    """Users whose email contains `email`, filtered by role and ban, by id (two statements)."""
    async with uow:
        accounts = await auth_service.find_accounts(
            uow, page, email=email, role=role, banned=banned
        )
        profiles = await ProfileRepository(uow.session).many(a.id for a in accounts.items)
    items = [
        UserSummary(
            id=a.id,
            email=a.email,
            role=a.role,
            banned=a.banned,
            email_verified=a.email_verified,
            display_name=profiles[a.id].display_name if a.id in profiles else None,
            created_at=a.created_at,
        )
        for a in accounts.items
    ]
    return Page(items=items, total=accounts.total, limit=page.limit, offset=page.offset)
