"""HTTP for the back office (/admin/...) and the monitoring probes (/health/...)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.modules.admin import service
from app.modules.admin.schemas import BanResult, Health, MetricsRead, RoleIn
from app.modules.auth.dependencies import Public, RequirePermission
from app.modules.auth.schemas import (
    AccountRead,
    PermissionName,
    PermissionRead,
    Principal,
    RoleName,
    RoleRead,
)
from app.modules.orders import service as orders_service
from app.modules.orders.schemas import OrderRead, OrderStatus, SalesReport
from app.shared.dependencies import NowDep, RuntimeDep, UowDep
from app.shared.pagination import MAX_ID, Page, PageDep
from app.shared.responses import error_responses

router = APIRouter(tags=["admin"])

UserId = Annotated[int, Path(ge=1, le=MAX_ID, description="The user's id.")]
RolePath = Annotated[RoleName, Path(description="A role's name, e.g. staff.")]
PermissionPath = Annotated[PermissionName, Path(description="A permission, e.g. reports:read.")]
Day = Annotated[date | None, Query(ge=date(2000, 1, 1), le=date(2100, 12, 31))]
Banner = Annotated[Principal, Depends(RequirePermission("users:ban"))]
RoleManager = Annotated[Principal, Depends(RequirePermission("roles:manage"))]
OrderManager = Depends(RequirePermission("orders:manage"))
Analyst = Depends(RequirePermission("reports:read"))
Monitor = Depends(RequirePermission("monitoring:read"))
DEFAULT_PERIOD = timedelta(days=30)
ADMIN_ERRORS = error_responses(401, 403, 404, 409, 422)


@router.post("/admin/users/{user_id}/ban", responses=ADMIN_ERRORS, summary="Ban a user")
async def ban_user(user_id: UserId, actor: Banner, uow: UowDep, now: NowDep) -> BanResult:
    """Ban an account: its sessions end at once, its open orders are cancelled."""
    return await service.ban_user(uow, actor, user_id, now)


@router.post("/admin/users/{user_id}/unban", responses=ADMIN_ERRORS, summary="Lift a ban")
async def unban_user(user_id: UserId, _: Banner, uow: UowDep) -> AccountRead:
    """Let a banned account sign in again."""
    return await service.unban_user(uow, user_id)


@router.put("/admin/users/{user_id}/role", responses=ADMIN_ERRORS, summary="Change a role")
async def change_role(
    user_id: UserId, data: RoleIn, actor: RoleManager, uow: UowDep
) -> AccountRead:
    """Give an account another role; it counts from the account's next request."""
    return await service.change_role(uow, actor, user_id, data.role)


@router.get("/admin/roles", responses=ADMIN_ERRORS, summary="Roles and their permissions")
async def list_roles(_: RoleManager, uow: UowDep) -> list[RoleRead]:
    """Every role with its permissions."""
    return await service.list_roles(uow)


@router.get("/admin/permissions", responses=ADMIN_ERRORS, summary="Permissions")
async def list_permissions(_: RoleManager, uow: UowDep) -> list[PermissionRead]:
    """Every permission a role may hold."""
    return await service.list_permissions(uow)


@router.put(
    "/admin/roles/{role}/permissions/{permission}",
    responses=ADMIN_ERRORS,
    summary="Grant a permission to a role",
)
async def grant_permission(
    role: RolePath, permission: PermissionPath, actor: RoleManager, uow: UowDep
) -> RoleRead:
    """The role's users hold the permission from their next request on."""
    return await service.change_permission(uow, actor, role, permission, grant=True)


@router.delete(
    "/admin/roles/{role}/permissions/{permission}",
    responses=ADMIN_ERRORS,
    summary="Revoke a permission from a role",
)
async def revoke_permission(
    role: RolePath, permission: PermissionPath, actor: RoleManager, uow: UowDep
) -> RoleRead:
    """The role's users lose the permission from their next request on."""
    return await service.change_permission(uow, actor, role, permission, grant=False)


@router.get(
    "/admin/orders",
    dependencies=[OrderManager],
    responses=ADMIN_ERRORS,
    summary="Every customer's orders",
)
async def list_orders(
    uow: UowDep,
    page: PageDep,
    user_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    status: OrderStatus | None = None,
) -> Page[OrderRead]:
    """All orders (or one customer's), newest first, optionally of one status."""
    return await orders_service.list_orders(uow, page, user_id=user_id, status=status)


@router.get("/admin/reports/sales", dependencies=[Analyst], responses=ADMIN_ERRORS, summary="Sales")
async def sales_report(
    uow: UowDep, now: NowDep, date_from: Day = None, date_to: Day = None
) -> SalesReport:
    """Orders, revenue, average order, best sellers and sales per day (UTC), of paid,
    shipped and delivered orders. Default: the last 30 days."""
    end = date_to or now.date()
    return await service.sales_report(uow, date_from or end - DEFAULT_PERIOD, end)


@router.get("/admin/metrics", dependencies=[Monitor], responses=ADMIN_ERRORS, summary="Metrics")
async def metrics(uow: UowDep, runtime: RuntimeDep, now: NowDep) -> MetricsRead:
    """Events counted since the process started; accounts and products in the database."""
    return await service.metrics(uow, runtime.counters, now)


@router.get(
    "/health/live",
    dependencies=[Public],
    openapi_extra={"x-database": False},
    summary="Liveness probe",
)
async def live() -> Health:
    """The process answers (no database involved)."""
    return Health(status="ok")


@router.get(
    "/health/ready", dependencies=[Public], responses=error_responses(503), summary="Readiness"
)
async def ready(uow: UowDep) -> Health:
    """The database answers; 503 with Retry-After when it does not."""
    await service.readiness(uow)
    return Health(status="ok")
