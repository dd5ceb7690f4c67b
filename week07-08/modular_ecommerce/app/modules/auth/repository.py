"""The only code that writes SQL for auth. It flushes, never commits: the unit of work does."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Row, Select, bindparam, delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from app.modules.auth.models import (
    AuthSession,
    Permission,
    RefreshToken,
    Role,
    User,
    role_permissions,
)
from app.shared.pagination import PageRequest


class EmailTaken(Exception):
    """The email belongs to another account (the unique constraint said so)."""


@dataclass(frozen=True)
class AccountRow:
    """A user and the name of their role."""

    user: User
    role: str


def escape_like(text: str) -> str:
    """`text` for a LIKE pattern, its own % and _ matched literally."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@cache
def principal_statement() -> Select[int, str, bool, str, list[str] | None]:
    """The statement that loads the caller; built once (it runs on every authenticated
    request, and building a statement costs more than its compiled-cache lookup)."""
    permissions = (
        select(func.array_agg(Permission.name))
        .select_from(role_permissions.join(Permission))
        .where(role_permissions.c.role_id == User.role_id)
        .scalar_subquery()
    )
    return (
        select(User.id, User.email, User.email_verified, Role.name, permissions)
        .join(Role, Role.id == User.role_id)
        .join(AuthSession, AuthSession.user_id == User.id)
        .where(
            User.id == bindparam("user_id"),
            User.banned_at.is_(None),
            AuthSession.id == bindparam("session_id"),
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > bindparam("now"),
        )
    )


class AccountRepository:
    """Users and roles in PostgreSQL, through the use case's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_email(self, email: str) -> User | None:
        """The user with this (lower-case) email, or None."""
        return await self.session.scalar(select(User).where(User.email == email))

    async def get(self, user_id: int, *, lock: bool = False) -> AccountRow | None:
        """The user and their role's name, or None; `lock` takes the row for update."""
        query = select(User, Role.name).join(Role, Role.id == User.role_id)
        query = query.where(User.id == user_id)
        if lock:
            query = query.with_for_update(of=User)
        row = (await self.session.execute(query)).first()
        return AccountRow(row[0], row[1]) if row else None

    async def add(self, user: User) -> None:
        """INSERT the user now; EmailTaken if the email is someone else's."""
        self.session.add(user)
        try:
            async with self.session.begin_nested():  # a SAVEPOINT: the UoW stays usable
                await self.session.flush()
        except IntegrityError as error:
            if "uq_users_email" in str(error.orig):
                raise EmailTaken(user.email) from None
            raise

    async def role_id(self, name: str) -> int | None:
        """The id of the role called `name`, or None."""
        return await self.session.scalar(select(Role.id).where(Role.name == name))

    async def principal(
        self, user_id: int, session_id: uuid.UUID, now: datetime
    ) -> Row[int, str, bool, str, list[str] | None] | None:
        """(id, email, email_verified, role, permissions) of a user who is not banned, in a
        live session of theirs; None otherwise. One statement: it runs on every request."""
        params = {"user_id": user_id, "session_id": session_id, "now": now}
        return (await self.session.execute(principal_statement(), params)).first()

    async def search(
        self, email: str | None, role: str | None, banned: bool | None, page: PageRequest
    ) -> tuple[list[AccountRow], int]:
        """Accounts whose email contains `email` (case-insensitive), by id; and their count."""
        query = select(User, Role.name).join(Role, Role.id == User.role_id)
        if email:
            query = query.where(User.email.ilike(f"%{escape_like(email)}%", escape="\\"))
        if role:
            query = query.where(Role.name == role)
        if banned is not None:
            query = query.where(User.banned_at.is_not(None) if banned else User.banned_at.is_(None))
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.execute(
            query.order_by(User.id).limit(page.limit).offset(page.offset)
        )
        return [AccountRow(user, role) for user, role in rows], total or 0

    async def count(self) -> int:
        """The number of accounts."""
        return await self.session.scalar(select(func.count()).select_from(User)) or 0


class RoleRepository:
    """Roles, permissions and which role holds which."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def roles(self) -> list[Role]:
        """Every role with its permissions, by name."""
        query = select(Role).options(selectinload(Role.permissions)).order_by(Role.name)
        return list(await self.session.scalars(query))

    async def permissions(self) -> list[Permission]:
        """Every permission, by name."""
        return list(await self.session.scalars(select(Permission).order_by(Permission.name)))

    async def ids(self, role: str, permission: str) -> tuple[int | None, int | None]:
        """The ids of the role and the permission with these names (None if unknown)."""
        role_id = await self.session.scalar(select(Role.id).where(Role.name == role))
        permission_id = await self.session.scalar(
            select(Permission.id).where(Permission.name == permission)
        )
        return role_id, permission_id

    async def grant(self, role_id: int, permission_id: int) -> None:
        """Give the role the permission (nothing happens if it has it)."""
        statement = insert(role_permissions).values(role_id=role_id, permission_id=permission_id)
        await self.session.execute(statement.on_conflict_do_nothing())

    async def revoke(self, role_id: int, permission_id: int) -> None:
        """Take the permission from the role (nothing happens if it lacks it)."""
        await self.session.execute(
            delete(role_permissions).where(
                role_permissions.c.role_id == role_id,
                role_permissions.c.permission_id == permission_id,
            )
        )


class SessionRepository:
    """Login sessions and their refresh tokens."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, *rows: AuthSession | RefreshToken) -> None:
        """INSERT sessions and refresh tokens now."""
        self.session.add_all(rows)
        await self.session.flush()

    async def get(self, session_id: uuid.UUID) -> AuthSession | None:
        """The session, or None."""
        return await self.session.get(AuthSession, session_id)

    async def use_refresh_token(self, jti: uuid.UUID, now: datetime) -> uuid.UUID | None:
        """Mark the token used and return its session id; None if it is unknown or was used.

        One conditional UPDATE: of two concurrent uses of the same token, exactly one
        gets the session id; the other is treated as a replay.
        """
        statement = (
            update(RefreshToken)
            .where(RefreshToken.jti == jti, RefreshToken.used_at.is_(None))
            .values(used_at=now)
            .returning(RefreshToken.session_id)
        )
        return await self.session.scalar(statement)

    async def known_refresh_token(self, jti: uuid.UUID) -> uuid.UUID | None:
        """The session id of a refresh token that exists (used or not), else None."""
        return await self.session.scalar(
            select(RefreshToken.session_id).where(RefreshToken.jti == jti)
        )

    async def revoke(self, session_id: uuid.UUID, reason: str, now: datetime) -> None:
        """End the session (and so every token of its family) unless it already ended."""
        await self.session.execute(
            update(AuthSession)
            .where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason=reason)
        )

    async def revoke_all(self, user_id: int, reason: str, now: datetime) -> int:
        """End every live session of the user; the number ended."""
        result = await self.session.execute(
            update(AuthSession)
            .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=now, revoked_reason=reason)
            .returning(AuthSession.id)
        )
        return len(result.all())
