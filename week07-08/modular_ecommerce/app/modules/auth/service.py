"""auth's use cases, and the public functions other modules call.

A use case called by a router owns its transaction (`async with uow: ... commit`). A
function documented "inside the caller's unit of work" is a step of another module's use
case: it works on the `uow` it is given and never commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.config import Settings
from app.modules.auth import tokens
from app.modules.auth.events import UserBanned, UserRegistered
from app.modules.auth.models import AuthSession, RefreshToken, User
from app.modules.auth.passwords import PasswordHasher
from app.modules.auth.repository import (
    AccountRepository,
    AccountRow,
    EmailTaken,
    RoleRepository,
    SessionRepository,
)
from app.modules.auth.schemas import (
    AccountRead,
    PermissionRead,
    Principal,
    RegisterIn,
    RoleRead,
    TokenResponse,
)
from app.modules.auth.throttle import LoginThrottle
from app.modules.auth.tokens import InvalidToken, TokenType
from app.shared.clock import Clock
from app.shared.exceptions import Conflict, InvalidInput, NotAuthenticated, NotFound, OAuthError
from app.shared.pagination import Page, PageRequest
from app.shared.unit_of_work import UnitOfWork

DEFAULT_ROLE = "customer"
BAD_CREDENTIALS = "Incorrect email or password"
BAD_REFRESH = "The refresh token is invalid, expired or revoked"


@dataclass
class AuthContext:
    """What auth's use cases need besides the database: made once per app."""

    settings: Settings
    hasher: PasswordHasher
    throttle: LoginThrottle
    clock: Clock


def normalise_email(email: str) -> str:
    """Emails are stored and compared lower-case, without surrounding spaces."""
    return email.strip().lower()


def _account(row: AccountRow) -> AccountRead:
    user = row.user
    return AccountRead(
        id=user.id,
        email=user.email,
        email_verified=user.email_verified,
        role=row.role,
        banned=user.banned_at is not None,
        created_at=user.created_at,
    )


async def register(uow: UnitOfWork, auth: AuthContext, data: RegisterIn) -> AccountRead:
    """Create a customer account (email not verified yet); Conflict if the email is taken.

    UserRegistered, with an email verification token, is delivered after the commit.
    """
    password_hash = await auth.hasher.hash_async(data.password)
    now = auth.clock()
    async with uow:
        accounts = AccountRepository(uow.session)
        role_id = await accounts.role_id(DEFAULT_ROLE)
        if role_id is None:
            raise RuntimeError(f"the role {DEFAULT_ROLE!r} is missing: run the migrations")
        user = User(email=normalise_email(data.email), password_hash=password_hash, role_id=role_id)
        try:
            await accounts.add(user)
        except EmailTaken:
            raise Conflict("This email is already registered", code="email_taken") from None
        row = await accounts.get(user.id)
        assert row is not None
        token = tokens.issue(
            TokenType.EMAIL,
            user.id,
            settings=auth.settings,
            now=now,
            lifetime=timedelta(hours=auth.settings.email_token_hours),
        )
        uow.publish(UserRegistered(user_id=user.id, email=user.email, verification_token=token))
        await uow.commit()
    return _account(row)


async def _issue_pair(
    sessions: SessionRepository,
    auth: AuthContext,
    user_id: int,
    session: AuthSession,
    now: datetime,
) -> TokenResponse:
    """A new access token and a new refresh token of `session`, neither outliving it."""
    left = session.expires_at - now
    access_life = min(timedelta(minutes=auth.settings.access_token_minutes), left)
    refresh_life = min(timedelta(days=auth.settings.refresh_token_days), left)
    jti = uuid.uuid4()
    await sessions.add(
        RefreshToken(jti=jti, session_id=session.id, issued_at=now, expires_at=now + refresh_life)
    )
    settings = auth.settings
    return TokenResponse(
        access_token=tokens.issue(
            TokenType.ACCESS,
            user_id,
            settings=settings,
            now=now,
            lifetime=access_life,
            session_id=session.id,
        ),
        expires_in=int(access_life.total_seconds()),
        refresh_token=tokens.issue(
            TokenType.REFRESH,
            user_id,
            settings=settings,
            now=now,
            lifetime=refresh_life,
            session_id=session.id,
            jti=jti,
        ),
        refresh_expires_in=int(refresh_life.total_seconds()),
    )


async def login(
    uow: UnitOfWork, auth: AuthContext, email: str, password: str, client: str
) -> TokenResponse:
    """The OAuth2 password grant: a new session and its first token pair.

    TooManyRequests when the client or the account is over its limit (checked first);
    OAuthError invalid_grant, one message and the same hashing time, for an unknown
    email and for a wrong password. A legacy bcrypt hash is replaced by argon2id.
    """
    account = normalise_email(email)
    now = auth.clock()
    auth.throttle.check(account, client, now)
    async with uow:  # read, then give the connection back while the hash is checked
        user = await AccountRepository(uow.session).by_email(account)
        user_id, stored = (user.id, user.password_hash) if user else (None, None)
    valid, new_hash = await auth.hasher.verify_async(password, stored)
    if user_id is None or not valid:
        auth.throttle.failed(account, now)
        raise OAuthError(BAD_CREDENTIALS, code="invalid_grant")
    async with uow:
        row = await AccountRepository(uow.session).get(user_id, lock=True)
        if row is None or row.user.banned_at is not None:
            raise OAuthError("This account is suspended or gone", code="invalid_grant")
        if new_hash is not None and row.user.password_hash == stored:
            row.user.password_hash = new_hash  # the legacy bcrypt hash becomes argon2id
        session = AuthSession(
            user_id=user_id,
            created_at=now,
            expires_at=now + timedelta(days=auth.settings.session_max_days),
        )
        sessions = SessionRepository(uow.session)
        await sessions.add(session)
        pair = await _issue_pair(sessions, auth, user_id, session, now)
        await uow.commit()
    auth.throttle.succeeded(account)
    return pair


async def refresh(uow: UnitOfWork, auth: AuthContext, refresh_token: str) -> TokenResponse:
    """The OAuth2 refresh grant, with rotation: the token is spent, a new pair answers.

    Replaying a spent token revokes its whole session (reuse detection: the thief and
    the owner are both logged out). OAuthError invalid_grant for a bad, expired,
    replayed or revoked token, a session past its absolute end, or a banned user.
    """
    now = auth.clock()
    try:
        claims = tokens.decode(refresh_token, TokenType.REFRESH, settings=auth.settings, now=now)
    except InvalidToken:
        raise OAuthError(BAD_REFRESH, code="invalid_grant") from None
    async with uow:
        sessions = SessionRepository(uow.session)
        session_id = await sessions.use_refresh_token(claims.jti, now)
        if session_id is None:
            replayed = await sessions.known_refresh_token(claims.jti)
            if replayed is not None:
                await sessions.revoke(replayed, "reuse", now)
                await uow.commit()  # the revocation stands although the request fails
            raise OAuthError(BAD_REFRESH, code="invalid_grant")
        session = await sessions.get(session_id)
        account = await AccountRepository(uow.session).get(claims.user_id)
        if (
            session is None
            or session.user_id != claims.user_id
            or session.revoked_at is not None
            or session.expires_at <= now
            or account is None
            or account.user.banned_at is not None
        ):
            raise OAuthError(BAD_REFRESH, code="invalid_grant")
        pair = await _issue_pair(sessions, auth, claims.user_id, session, now)
        await uow.commit()
    return pair


async def logout(uow: UnitOfWork, auth: AuthContext, refresh_token: str) -> None:
    """End the refresh token's session: its access and refresh tokens stop working.

    Like RFC 7009, an invalid token is not an error: there is nothing left to end.
    """
    now = auth.clock()
    try:
        claims = tokens.decode(refresh_token, TokenType.REFRESH, settings=auth.settings, now=now)
    except InvalidToken:
        return
    async with uow:
        sessions = SessionRepository(uow.session)
        session = await sessions.get(claims.session_id) if claims.session_id else None
        if session is not None and session.user_id == claims.user_id:
            await sessions.revoke(session.id, "logout", now)
            await uow.commit()


async def verify_email(uow: UnitOfWork, auth: AuthContext, token: str) -> None:
    """Mark the account's email verified; InvalidInput for a bad or expired token."""
    now = auth.clock()
    try:
        claims = tokens.decode(token, TokenType.EMAIL, settings=auth.settings, now=now)
    except InvalidToken:
        raise InvalidInput("token", "The verification token is invalid or expired") from None
    async with uow:
        row = await AccountRepository(uow.session).get(claims.user_id, lock=True)
        if row is None:
            raise InvalidInput("token", "The verification token is invalid or expired")
        row.user.email_verified = True
        await uow.commit()


async def authenticate(
    uow: UnitOfWork, settings: Settings, now: datetime, access_token: str
) -> Principal:
    """The caller of a valid access token, in a live session, not banned; else NotAuthenticated.

    One SQL statement: a revoked session, a ban or a revoked permission counts from the
    very next request.
    """
    try:
        claims = tokens.decode(access_token, TokenType.ACCESS, settings=settings, now=now)
    except InvalidToken:
        raise NotAuthenticated("The access token is invalid or expired") from None
    assert claims.session_id is not None
    row = await AccountRepository(uow.session).principal(claims.user_id, claims.session_id, now)
    if row is None:
        raise NotAuthenticated("The access token is invalid or expired")
    user_id, email, verified, role, permissions = row
    return Principal(
        id=user_id,
        email=email,
        role=role,
        permissions=frozenset(permissions or ()),
        session_id=claims.session_id,
        email_verified=verified,
    )


# Public functions for other modules: each runs inside the caller's unit of work.


async def get_account(uow: UnitOfWork, user_id: int) -> AccountRead | None:
    """The account, or None (inside the caller's unit of work)."""
    row = await AccountRepository(uow.session).get(user_id)
    return _account(row) if row else None


async def find_accounts(
    uow: UnitOfWork,
    page: PageRequest,
    *,
    email: str | None = None,
    role: str | None = None,
    banned: bool | None = None,
) -> Page[AccountRead]:
    """Accounts matching the filters, by id (inside the caller's unit of work)."""
    rows, total = await AccountRepository(uow.session).search(email, role, banned, page)
    return Page(items=[_account(r) for r in rows], total=total, **vars(page))


async def count_accounts(uow: UnitOfWork) -> int:
    """How many accounts exist (inside the caller's unit of work)."""
    return await AccountRepository(uow.session).count()


async def ban_account(uow: UnitOfWork, user_id: int, now: datetime) -> AccountRead:
    """Ban the account and end all its sessions at once; NotFound. Publishes UserBanned
    (inside the caller's unit of work)."""
    row = await AccountRepository(uow.session).get(user_id, lock=True)
    if row is None:
        raise NotFound(f"User {user_id} not found")
    if row.user.banned_at is None:
        row.user.banned_at = now
        uow.publish(UserBanned(user_id=user_id))
    await SessionRepository(uow.session).revoke_all(user_id, "banned", now)
    await uow.session.flush()
    return _account(row)


async def unban_account(uow: UnitOfWork, user_id: int) -> AccountRead:
    """Lift a ban (the user logs in again); NotFound (inside the caller's unit of work)."""
    row = await AccountRepository(uow.session).get(user_id, lock=True)
    if row is None:
        raise NotFound(f"User {user_id} not found")
    row.user.banned_at = None
    await uow.session.flush()
    return _account(row)


async def set_role(uow: UnitOfWork, user_id: int, role: str) -> AccountRead:
    """Give the account another role; NotFound for an unknown user or role (inside the
    caller's unit of work). The new permissions count from the next request."""
    accounts = AccountRepository(uow.session)
    role_id = await accounts.role_id(role)
    if role_id is None:
        raise NotFound(f"Role {role!r} not found")
    row = await accounts.get(user_id, lock=True)
    if row is None:
        raise NotFound(f"User {user_id} not found")
    row.user.role_id = role_id
    await uow.session.flush()
    return _account(AccountRow(row.user, role))


async def list_roles(uow: UnitOfWork) -> list[RoleRead]:
    """Every role with its permissions (inside the caller's unit of work)."""
    return [
        RoleRead(
            name=role.name,
            description=role.description,
            permissions=[p.name for p in role.permissions],
        )
        for role in await RoleRepository(uow.session).roles()
    ]


async def list_permissions(uow: UnitOfWork) -> list[PermissionRead]:
    """Every permission there is (inside the caller's unit of work)."""
    return [
        PermissionRead(name=p.name, description=p.description)
        for p in await RoleRepository(uow.session).permissions()
    ]


async def change_permission(uow: UnitOfWork, role: str, permission: str, *, grant: bool) -> None:
    """Grant or revoke a permission of a role; NotFound for an unknown name (inside the
    caller's unit of work). It counts from the next request of every user of the role."""
    roles = RoleRepository(uow.session)
    role_id, permission_id = await roles.ids(role, permission)
    if role_id is None:
        raise NotFound(f"Role {role!r} not found")
    if permission_id is None:
        raise NotFound(f"Permission {permission!r} not found")
    if grant:
        await roles.grant(role_id, permission_id)
    else:
        await roles.revoke(role_id, permission_id)
