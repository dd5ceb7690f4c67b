"""Who may call a route. Every route declares exactly one policy; nothing is open by default.

- `dependencies=[Depends(public)]`: anyone, no token needed;
- `dependencies=[Depends(authenticated)]` (or a parameter): any active, logged-in user;
- `Depends(require_permission("edit:post"))`: a user whose role has that permission now.

tests/test_deny_by_default.py walks every route and fails on one that declares none.
401 means "who are you?" (no valid token: log in); 403 means "I know you, and no".
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, status

from app.dependencies import CurrentUser, SessionDep
from app.models import User
from app.permissions import permissions_for_role


def public() -> None:
    """Marks a route that anyone may call, logged in or not (the walk looks for it)."""


def authenticated(user: CurrentUser) -> User:
    """Marks a route that any active, logged-in user may call; 401 otherwise."""
    return user


@dataclass(frozen=True)
class Principal:
    """A user allowed through a permission check, with every permission their role has."""

    user: User
    permissions: frozenset[str]


class PermissionRequirement:
    """A dependency that lets a request through if the user's role has one of `permissions`."""

    def __init__(self, *permissions: str) -> None:
        if not permissions:
            raise ValueError("name at least one permission")  # pragma: no mutate
        self.permissions = permissions

    def __repr__(self) -> str:
        return f"require_permission{self.permissions!r}"

    def __call__(self, user: CurrentUser, db: SessionDep) -> Principal:
        """The Principal, or 403 "Missing permission: <names joined by ' or '>".

        The user comes from get_current_user (401 before anything else); the role's
        permissions are read from the database now, never from the token.
        """
        granted = permissions_for_role(db, user.role)
        if granted.isdisjoint(self.permissions):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                detail=f"Missing permission: {' or '.join(self.permissions)}",
            )
        return Principal(user, granted)


def require_permission(*permissions: str) -> PermissionRequirement:
    """A dependency requiring one of `permissions` (usually one), e.g. "delete:post"."""
    return PermissionRequirement(*permissions)
