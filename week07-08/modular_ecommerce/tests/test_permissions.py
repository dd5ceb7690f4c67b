"""Day 54: roles and permissions live in the database and count from the next request;
403 means only "signed in, and your role lacks this permission"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.helpers import Shop

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from app.config import Settings

pytestmark = [
    pytest.mark.day(54),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "RequirePermission.__call__(user) raises PermissionDenied unless user.can(permission); "
        "the permissions are loaded with the user on every request."
    ),
]


async def search(api: httpx.AsyncClient, headers: dict[str, str]) -> int:
    return (await api.get("/users", headers=headers)).status_code


async def test_401_without_a_token_403_without_the_permission_200_with_it(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    customer, staff = await shop.user(), await shop.user("staff")
    got = [
        await search(api, {}),
        await search(api, customer.headers),
        await search(api, staff.headers),
    ]
    assert got == [401, 403, 200], f"Called GET /users as nobody, customer, staff. Got {got}"


async def test_a_permission_revoked_from_a_role_counts_from_the_next_request(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    staff = await shop.user("staff")
    before = await search(api, staff.headers)
    await shop.execute(
        "DELETE FROM role_permissions WHERE role_id = (SELECT id FROM roles WHERE name = 'staff') "
        "AND permission_id = (SELECT id FROM permissions WHERE name = 'users:read')"
    )
    after = await search(api, staff.headers)
    assert (before, after) == (200, 403), (
        f"Called GET /users as staff before and after users:read was revoked from staff. "
        f"Got {(before, after)}, expected (200, 403) with the same token"
    )


async def test_a_permission_granted_to_a_role_counts_from_the_next_request(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    customer = await shop.user()
    before = await search(api, customer.headers)
    await shop.execute(
        "INSERT INTO role_permissions SELECT r.id, p.id FROM roles r, permissions p "
        "WHERE r.name = 'customer' AND p.name = 'users:read'"
    )
    after = await search(api, customer.headers)
    assert (before, after) == (403, 200), f"Got {(before, after)}, expected (403, 200)"


async def test_a_new_role_counts_from_the_next_request(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    before = await search(api, person.headers)
    await shop.execute(
        "UPDATE users SET role_id = (SELECT id FROM roles WHERE name = 'admin') WHERE id = :i",
        i=person.id,
    )
    after = await search(api, person.headers)
    me = (await api.get("/users/me", headers=person.headers)).json()
    assert (before, after, me["role"]) == (403, 200, "admin"), (
        f"Got {(before, after, me['role'])}, expected (403, 200, 'admin')"
    )


async def test_a_ban_ends_every_session_at_once(api: httpx.AsyncClient, shop: Shop) -> None:
    person = await shop.user()
    second = await shop.user(email=f"second-{person.email}")
    before = (await api.get("/users/me", headers=person.headers)).status_code
    await shop.execute("UPDATE users SET banned_at = now() WHERE id = :i", i=person.id)
    after = (await api.get("/users/me", headers=person.headers)).status_code
    other = (await api.get("/users/me", headers=second.headers)).status_code
    assert (before, after, other) == (200, 401, 200), (
        f"Called GET /users/me before and after a ban, and as another user. "
        f"Got {(before, after, other)}, expected (200, 401, 200)"
    )


async def test_the_caller_is_loaded_in_one_statement(
    api: httpx.AsyncClient, shop: Shop, async_db_session: object
) -> None:
    from sqlalchemy import event

    person = await shop.user()
    statements: list[str] = []
    connection = await async_db_session.connection()  # type: ignore[attr-defined]

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(connection.sync_connection, "before_cursor_execute", count)
    try:
        await api.get("/users/me", headers=person.headers)
    finally:
        event.remove(connection.sync_connection, "before_cursor_execute", count)
    auth = [s for s in statements if "auth_sessions" in s]
    assert len(auth) == 1, (
        f"Called GET /users/me. Got {len(auth)} statements reading the caller, expected one"
    )


async def test_authenticate_answers_the_whole_principal(
    shop: Shop, async_db_session: AsyncSession, settings: Settings
) -> None:
    from app.modules.auth.schemas import Principal
    from app.modules.auth.service import authenticate
    from app.shared.unit_of_work import UnitOfWork

    person = await shop.user("staff")
    await shop.execute("UPDATE users SET email_verified = true WHERE id = :i", i=person.id)
    got = await authenticate(
        UnitOfWork(async_db_session), settings, datetime.now(UTC), person.token
    )
    expected = Principal(
        id=person.id,
        email=person.email,
        role="staff",
        permissions=got.permissions,
        session_id=person.session_id,
        email_verified=True,
    )
    assert got == expected and got.can("users:read"), (
        f"Called authenticate with a verified staff member's token. Got {got}, expected "
        f"{expected} holding users:read"
    )
