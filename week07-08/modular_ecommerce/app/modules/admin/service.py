"""admin's use cases: each is one transaction across the modules it composes."""

from __future__ import annotations

from datetime import date, datetime

from app.modules.admin import repository
from app.modules.admin.schemas import BanResult, MetricsRead
from app.modules.auth import service as auth_service
from app.modules.auth.schemas import AccountRead, PermissionRead, Principal, RoleRead
from app.modules.orders import service as orders_service
from app.modules.orders.schemas import SalesReport
from app.modules.products import service as products_service
from app.shared.exceptions import Conflict, NotFound
from app.shared.monitoring import Counters
from app.shared.unit_of_work import UnitOfWork

ROLES_MANAGE = "roles:manage"


async def ban_user(uow: UnitOfWork, actor: Principal, user_id: int, now: datetime) -> BanResult:
    """Ban an account: its sessions end at once (its next request is a 401), and its
    pending and paid orders are cancelled with their stock returned, in one transaction.
    NotFound; Conflict for banning yourself."""
    if user_id == actor.id:
        raise Conflict("You cannot ban yourself", code="self_ban")
    async with uow:
        account = await auth_service.ban_account(uow, user_id, now)
        cancelled = await orders_service.cancel_open_orders(uow, user_id, actor.id, now)
        await uow.commit()
    return BanResult(user=account, cancelled_orders=cancelled)


async def unban_user(uow: UnitOfWork, user_id: int) -> AccountRead:
    """Lift a ban; the user signs in again. NotFound."""
    async with uow:
        account = await auth_service.unban_account(uow, user_id)
        await uow.commit()
    return account


async def change_role(uow: UnitOfWork, actor: Principal, user_id: int, role: str) -> AccountRead:
    """Give an account another role, effective from its next request. NotFound; Conflict
    for your own role (an admin cannot lock themselves out)."""
    if user_id == actor.id:
        raise Conflict("You cannot change your own role", code="own_role")
    async with uow:
        account = await auth_service.set_role(uow, user_id, role)
        await uow.commit()
    return account


async def list_roles(uow: UnitOfWork) -> list[RoleRead]:
    """Every role with its permissions."""
    async with uow:
        return await auth_service.list_roles(uow)


async def list_permissions(uow: UnitOfWork) -> list[PermissionRead]:
    """Every permission a role may hold."""
    async with uow:
        return await auth_service.list_permissions(uow)


async def change_permission(
    uow: UnitOfWork, actor: Principal, role: str, permission: str, *, grant: bool
) -> RoleRead:
    """Grant or revoke a permission of a role, effective from the next request of each of
    its users. NotFound; Conflict for taking roles:manage from your own role."""
    if not grant and role == actor.role and permission == ROLES_MANAGE:
        raise Conflict(f"You cannot take {ROLES_MANAGE} from your own role", code="own_role")
    async with uow:
        await auth_service.change_permission(uow, role, permission, grant=grant)
        roles = await auth_service.list_roles(uow)
        await uow.commit()
    found = next((r for r in roles if r.name == role), None)
    if found is None:
        raise NotFound(f"Role {role!r} not found")
    return found


async def sales_report(uow: UnitOfWork, date_from: date, date_to: date) -> SalesReport:
    """Sales analytics of the period (both days included, UTC)."""
    async with uow:
        return await orders_service.sales_report(uow, date_from, date_to)


async def metrics(uow: UnitOfWork, counters: Counters, now: datetime) -> MetricsRead:
    """Counters since the process started, and the number of accounts and products."""
    async with uow:
        accounts = await auth_service.count_accounts(uow)
        products = await products_service.count_products(uow)
    return MetricsRead(
        started_at=counters.started_at,
        uptime_seconds=int((now - counters.started_at).total_seconds()),
        events=counters.snapshot(),
        accounts=accounts,
        products_for_sale=products,
    )


async def readiness(uow: UnitOfWork) -> None:
    """Raises if the database does not answer (the app then answers 503)."""
    async with uow:
        await repository.ping(uow.session)
