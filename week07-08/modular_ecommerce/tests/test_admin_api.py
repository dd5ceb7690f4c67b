"""Day 56: the back office: bans that end sessions at once and cancel open orders, roles
and permissions changed over HTTP, all orders, sales analytics, monitoring."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from fastapi import FastAPI

from conftest import make_settings
from tests.helpers import PASSWORD, Shop

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

pytestmark = [pytest.mark.day(56), pytest.mark.asyncio]


def expect(response: httpx.Response, status: int, what: str) -> Any:
    assert response.status_code == status, (
        f"Called {what}. Got {response.status_code} {response.text[:200]}, expected {status}"
    )
    return response.json() if response.content else None


@pytest.mark.hint(
    "admin.service.ban_user: auth.service.ban_account, then orders.service.cancel_open_orders, "
    "then one commit."
)
async def test_a_ban_ends_sessions_at_once_and_cancels_open_orders(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    admin, customer = await shop.user("admin"), await shop.user()
    product = await shop.product(stock=5)
    pending = await shop.order(customer.id, [(product, 2, "10.00")])
    paid = await shop.order(customer.id, [(product, 1, "10.00")], status="paid")
    shipped = await shop.order(customer.id, [(product, 1, "10.00")], status="shipped")
    form = {"grant_type": "password", "username": customer.email, "password": PASSWORD}
    pair = expect(await api.post("/token", data=form), 200, "POST /token")
    body = expect(
        await api.post(f"/admin/users/{customer.id}/ban", headers=admin.headers), 200, "ban"
    )
    assert body["user"]["banned"] and sorted(body["cancelled_orders"]) == sorted([pending, paid]), (
        f"Called POST /admin/users/{{id}}/ban. Got {body}, expected banned and [{pending}, {paid}] "
        f"cancelled ({shipped} has shipped)"
    )
    refresh = {"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]}
    got = [
        (await api.get("/users/me", headers=customer.headers)).status_code,
        (await api.post("/token", data=refresh)).status_code,
        (await api.post("/token", data=form)).status_code,
        await shop.scalar("SELECT stock FROM products WHERE id = :i", i=product),
    ]
    assert got == [401, 400, 400, 8], (
        f"After the ban: GET /users/me, refresh, login, stock. Got {got}, "
        "expected [401, 400, 400, 8]"
    )
    expect(await api.post(f"/admin/users/{customer.id}/unban", headers=admin.headers), 200, "unban")
    expect(await api.post("/token", data=form), 200, "POST /token after the unban")


async def test_a_ban_is_published_once_and_keeps_its_first_time(
    journey_app: FastAPI, async_db_session: AsyncSession, shop: Shop
) -> None:
    from app.modules.auth.events import UserBanned
    from app.modules.auth.service import ban_account
    from app.shared.events import EventBus, EventContext
    from app.shared.unit_of_work import UnitOfWork

    person = await shop.user()
    bus = EventBus(journey_app.state.runtime.bus.context)
    seen: list[UserBanned] = []

    async def record(event: UserBanned, context: EventContext) -> None:
        seen.append(event)

    bus.subscribe(UserBanned, record)
    uow = UnitOfWork(async_db_session, bus)
    first = datetime(2030, 1, 1, tzinfo=UTC)
    for at in (first, first + timedelta(hours=1)):
        async with uow:
            account = await ban_account(uow, person.id, at)
            await uow.commit()
    banned_at = await shop.scalar("SELECT banned_at FROM users WHERE id = :i", i=person.id)
    reason = await shop.scalar(
        "SELECT string_agg(revoked_reason || ' ' || (revoked_at = :t), ',') FROM auth_sessions "
        "WHERE user_id = :i",
        i=person.id,
        t=first,
    )
    got = ([e.user_id for e in seen], account.banned, banned_at, reason)
    expected = ([person.id], True, first, "banned true")
    assert got == expected, (
        f"Called ban_account twice. Got (UserBanned user ids, banned, banned_at, revoked_reason) "
        f"{got}, expected {expected}"
    )


async def test_ban_refusals(api: httpx.AsyncClient, shop: Shop) -> None:
    admin, staff = await shop.user("admin"), await shop.user("staff")
    got = [
        (await api.post(f"/admin/users/{admin.id}/ban", headers=admin.headers)).status_code,
        (await api.post("/admin/users/999999/ban", headers=admin.headers)).status_code,
        (await api.post(f"/admin/users/{admin.id}/ban", headers=staff.headers)).status_code,
        (await api.post(f"/admin/users/{admin.id}/ban")).status_code,
    ]
    assert got == [409, 404, 403, 401], f"Called ban: self, unknown, as staff, anonymous. Got {got}"


async def test_a_role_change_counts_from_the_next_request(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    admin, person = await shop.user("admin"), await shop.user()
    before = (await api.get("/users", headers=person.headers)).status_code
    body = expect(
        await api.put(
            f"/admin/users/{person.id}/role", json={"role": "staff"}, headers=admin.headers
        ),
        200,
        "PUT /admin/users/{id}/role",
    )
    after = (await api.get("/users", headers=person.headers)).status_code
    assert (before, body["role"], after) == (403, "staff", 200), (
        f"Got {(before, body['role'], after)}"
    )
    got = [
        (
            await api.put(
                f"/admin/users/{person.id}/role", json={"role": "wizard"}, headers=admin.headers
            )
        ).status_code,
        (
            await api.put(
                f"/admin/users/{admin.id}/role", json={"role": "customer"}, headers=admin.headers
            )
        ).status_code,
        (
            await api.put(
                f"/admin/users/{person.id}/role", json={"role": "Bad Role!"}, headers=admin.headers
            )
        ).status_code,
    ]
    assert got == [404, 409, 422], f"Called unknown role, own role, invalid name. Got {got}"


async def test_permissions_are_granted_and_revoked_over_http(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    admin, customer = await shop.user("admin"), await shop.user()
    path = "/admin/roles/customer/permissions/reports:read"
    report = "/admin/reports/sales"
    got = [(await api.get(report, headers=customer.headers)).status_code]
    granted = expect(await api.put(path, headers=admin.headers), 200, f"PUT {path}")
    got.append((await api.get(report, headers=customer.headers)).status_code)
    expect(await api.delete(path, headers=admin.headers), 200, f"DELETE {path}")
    got.append((await api.get(report, headers=customer.headers)).status_code)
    assert "reports:read" in granted["permissions"] and got == [403, 200, 403], (
        f"Called the sales report as a customer before, after a grant, after a revoke. Got {got}"
    )
    refusals = [
        (
            await api.delete("/admin/roles/admin/permissions/roles:manage", headers=admin.headers)
        ).status_code,
        (
            await api.put("/admin/roles/customer/permissions/fly:away", headers=admin.headers)
        ).status_code,
        (
            await api.put(
                "/admin/roles/customer/permissions/not-a-permission", headers=admin.headers
            )
        ).status_code,
    ]
    assert refusals == [409, 404, 422], f"Called own lock-out, unknown, malformed. Got {refusals}"


async def test_roles_and_permissions_are_listed(api: httpx.AsyncClient, shop: Shop) -> None:
    admin = await shop.user("admin")
    roles = {
        r["name"]: r["permissions"]
        for r in (await api.get("/admin/roles", headers=admin.headers)).json()
    }
    names = {p["name"] for p in (await api.get("/admin/permissions", headers=admin.headers)).json()}
    assert set(roles) == {"customer", "staff", "admin"} and set(roles["admin"]) == names, (
        f"Called GET /admin/roles and /admin/permissions. Got roles {roles}, permissions {names}"
    )
    assert set(roles["customer"]) == {"orders:place", "reviews:write"}, f"Got {roles['customer']}"


async def test_staff_see_every_order_filtered(api: httpx.AsyncClient, shop: Shop) -> None:
    staff, a, b = await shop.user("staff"), await shop.user(), await shop.user()
    product = await shop.product()
    first = await shop.order(a.id, [(product, 1, "10.00")], status="paid")
    await shop.order(b.id, [(product, 1, "10.00")], status="paid")
    page = expect(
        await api.get(
            "/admin/orders", params={"user_id": a.id, "status": "paid"}, headers=staff.headers
        ),
        200,
        "GET /admin/orders",
    )
    assert [o["id"] for o in page["items"]] == [first], f"Got {page['items']}"


async def test_the_sales_report_counts_revenue_orders_of_the_period(
    api: httpx.AsyncClient, shop: Shop
) -> None:
    admin, buyer = await shop.user("admin"), await shop.user()
    p1, p2 = await shop.product(name="Report kbd"), await shop.product(name="Report mouse")
    day = datetime(2031, 3, 10, 12, tzinfo=UTC)
    await shop.order(buyer.id, [(p1, 2, "10.00"), (p2, 1, "5.00")], status="paid", created_at=day)
    await shop.order(
        buyer.id, [(p1, 1, "10.00")], status="delivered", created_at=day + timedelta(days=1)
    )
    await shop.order(buyer.id, [(p2, 9, "5.00")], status="cancelled", created_at=day)
    await shop.order(buyer.id, [(p2, 9, "5.00")], status="pending", created_at=day)
    await shop.order(
        buyer.id, [(p1, 9, "10.00")], status="paid", created_at=day + timedelta(days=5)
    )
    params = {"date_from": "2031-03-10", "date_to": "2031-03-11"}
    body = expect(
        await api.get("/admin/reports/sales", params=params, headers=admin.headers), 200, "report"
    )
    got = (
        body["orders"],
        body["revenue"],
        body["average_order_value"],
        [(d["day"], d["orders"], d["revenue"]) for d in body["by_day"]],
        [(t["name"], t["quantity"], t["revenue"]) for t in body["top_products"]],
        body["by_status"],
    )
    expected = (
        2,
        "35.00",
        "17.50",
        [("2031-03-10", 1, "25.00"), ("2031-03-11", 1, "10.00")],
        [("Report kbd", 3, "30.00"), ("Report mouse", 1, "5.00")],
        {"paid": 1, "delivered": 1, "cancelled": 1, "pending": 1},
    )
    assert got == expected, (
        f"Called GET /admin/reports/sales {params}. Got {got}, expected {expected}"
    )
    reversed_range = {"date_from": "2031-03-11", "date_to": "2031-03-10"}
    expect(
        await api.get("/admin/reports/sales", params=reversed_range, headers=admin.headers),
        422,
        "reversed",
    )
    expect(
        await api.get(
            "/admin/reports/sales", params={"date_to": "9999-12-31"}, headers=admin.headers
        ),
        422,
        "far",
    )


async def test_metrics_count_only_committed_events(
    api: httpx.AsyncClient, shop: Shop, journey_app: FastAPI
) -> None:
    admin = await shop.user("admin")
    before = expect(
        await api.get("/admin/metrics", headers=admin.headers), 200, "GET /admin/metrics"
    )
    payload = {"email": "counted@example.com", "password": PASSWORD}
    await api.post("/auth/register", json=payload)
    await api.post("/auth/register", json=payload)  # 409: rolled back, not counted
    after = expect(
        await api.get("/admin/metrics", headers=admin.headers), 200, "GET /admin/metrics"
    )
    registered = [m["events"].get("users_registered", 0) for m in (before, after)]
    assert registered[1] - registered[0] == 1 and after["accounts"] == before["accounts"] + 1, (
        f"Called two registrations of one email between two metrics reads. Got {registered} "
        f"and accounts {before['accounts']} -> {after['accounts']}"
    )


async def test_liveness_and_readiness(api: httpx.AsyncClient) -> None:
    got = [(await api.get(p)).json() for p in ("/health/live", "/health/ready")]
    assert got == [{"status": "ok"}] * 2, f"Called the probes. Got {got}"


async def test_readiness_is_503_without_a_database_while_liveness_is_200() -> None:
    from app.main import create_app

    app = create_app(make_settings("postgresql://x:y@127.0.0.1:1/none", db_pool_timeout=2))
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        got = [(await client.get(p)).status_code for p in ("/health/live", "/health/ready")]
        retry = (await client.get("/health/ready")).headers.get("retry-after")
    assert (got, retry) == ([200, 503], "2"), (
        f"Called the probes without a database. Got {got}, {retry}"
    )
