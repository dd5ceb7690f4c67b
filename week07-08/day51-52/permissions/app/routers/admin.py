"""Administration: users (manage:users) and what each role may do (manage:permissions)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Path, status

from app import permissions, service
from app.access import Principal, require_permission
from app.dependencies import SessionDep
from app.models import Permission, Role, User
from app.schemas import PermissionRead, UserRead, UserUpdate

router = APIRouter(prefix="/admin", tags=["admin"])

UserId = Annotated[int, Path(ge=1, le=2**31 - 1)]
PermissionName = Annotated[str, Path(min_length=1, max_length=50)]
ManageUsers = Annotated[Principal, Depends(require_permission("manage:users"))]
MANAGE_PERMISSIONS = [Depends(require_permission(permissions.MANAGE_PERMISSIONS))]


@router.get("/users", response_model=list[UserRead])
def list_users(principal: ManageUsers, db: SessionDep) -> Sequence[User]:
    """Every account."""
    return service.list_users(db)


@router.patch("/users/{user_id}", response_model=UserRead)
def update_user(
    user_id: UserId, changes: UserUpdate, principal: ManageUsers, db: SessionDep
) -> User:
    """Change a user's role or disable them: applies at their next request, same token."""
    return service.update_user(db, principal.user, user_id, changes.role, changes.is_active)


@router.get("/permissions", response_model=list[PermissionRead], dependencies=MANAGE_PERMISSIONS)
def list_permissions(db: SessionDep) -> list[Permission]:
    """Every permission that exists, with what it allows."""
    return permissions.list_permissions(db)


@router.get("/roles", dependencies=MANAGE_PERMISSIONS)
def list_roles(db: SessionDep) -> dict[Role, list[str]]:
    """Each role and the names of its permissions, sorted."""
    return permissions.grants_by_role(db)


@router.put(
    "/roles/{role}/permissions/{permission}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=MANAGE_PERMISSIONS,
)
def grant(role: Role, permission: PermissionName, db: SessionDep) -> None:
    """Give the role a permission (idempotent); 404 for an unknown permission."""
    permissions.grant_permission(db, role, permission)


@router.delete(
    "/roles/{role}/permissions/{permission}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=MANAGE_PERMISSIONS,
)
def revoke(role: Role, permission: PermissionName, db: SessionDep) -> None:
    """Take a permission from the role; 404 if it did not have it, 409 for a lockout."""
    permissions.revoke_permission(db, role, permission)
