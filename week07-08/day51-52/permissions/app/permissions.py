"""What each role may do: read on every request (day 51), granted and revoked by admins (day 52).

Nothing here caches: a grant or a revoke is seen by the very next request, whatever
access token it carries.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from app.models import Permission, Role, RolePermission

# Without it nobody could grant anything again: an admin may not revoke it from admin.
MANAGE_PERMISSIONS = "manage:permissions"

logger = logging.getLogger(__name__)


class UnknownPermission(LookupError):
    """No permission of that name exists (names are exact: "edit:post", not "EDIT:POST")."""

    def __init__(self, name: str) -> None:
        super().__init__(f"No permission named {name!r}")


class NotGranted(LookupError):
    """The role does not have the permission it was asked to lose."""

    def __init__(self, role: Role, name: str) -> None:
        super().__init__(f"Role {role.value} does not have {name}")


class LockoutRefused(Exception):
    """The change would leave nobody able to grant permissions again."""


def permissions_for_role(db: Session, role: Role) -> frozenset[str]:
    """The names of every permission `role` has now, in one query (empty if none)."""
    names = db.scalars(
        select(Permission.name)
        .join(RolePermission, RolePermission.permission_id == Permission.id)
        .where(RolePermission.role == role)
    )
    return frozenset(names)


def grants_by_role(db: Session) -> dict[Role, list[str]]:
    """Every role (including those with nothing) and its permissions' names, sorted."""
    grants: dict[Role, list[str]] = {role: [] for role in Role}
    rows = db.execute(
        select(RolePermission.role, Permission.name)
        .join(Permission, Permission.id == RolePermission.permission_id)
        .order_by(Permission.name)
    )
    for role, name in rows:
        grants[role].append(name)
    return grants


def list_permissions(db: Session) -> list[Permission]:
    """Every permission, by name."""
    return list(db.scalars(select(Permission).order_by(Permission.name)))


def permission_id(db: Session, name: str) -> int:
    """The id of the permission called `name`; UnknownPermission if there is none."""
    found = db.scalar(select(Permission.id).where(Permission.name == name))
    if found is None:
        raise UnknownPermission(name)
    return found


def grant_permission(db: Session, role: Role, name: str) -> None:
    """Give `role` the permission `name` (nothing changes if it has it already)."""
    # ON CONFLICT DO NOTHING: two admins granting at once both succeed, one row remains.
    db.execute(
        insert(RolePermission)
        .values(role=role, permission_id=permission_id(db, name))
        .on_conflict_do_nothing()
    )
    db.commit()
    logger.info("granted %s to role %s", name, role.value)  # pragma: no mutate


def revoke_permission(db: Session, role: Role, name: str) -> None:
    """Take `name` from `role`; NotGranted if it did not have it.

    LockoutRefused for manage:permissions from admin: nobody could grant it back.
    """
    if role is Role.ADMIN and name == MANAGE_PERMISSIONS:
        refusal = f"Refusing to revoke {name} from admin: nobody could grant it back"
        raise LockoutRefused(refusal)
    result: Any = db.execute(
        delete(RolePermission).where(
            RolePermission.role == role, RolePermission.permission_id == permission_id(db, name)
        )
    )
    if result.rowcount == 0:
        db.rollback()
        raise NotGranted(role, name)
    db.commit()
    logger.info("revoked %s from role %s", name, role.value)  # pragma: no mutate
