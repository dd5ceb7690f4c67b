"""Analytics (admins): top sellers, a user's spending, a sales report over dates."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from app.dependencies import AdminUser, UnitOfWorkDep, UserId
from app.repositories.reports import TopSeller
from app.routers.docs import ADMIN, responses
from app.schemas.report import SalesReportRead, SpendingRead, TopSellerRead
from app.services import reports
from app.services.reports import SalesReport, UserSpending

router = APIRouter(tags=["admin"])


@router.get(
    "/admin/products/top-selling",
    response_model=list[TopSellerRead],
    responses=responses(*ADMIN),
    summary="Top-selling products",
)
async def top_selling(
    _: AdminUser,
    uow: UnitOfWorkDep,
    limit: Annotated[int, Query(ge=1, le=100, description="Ranks to include.")] = 10,
) -> list[TopSeller]:
    """Products by units sold in paid, shipped and delivered orders; equal units share a
    rank (1, 1, 3), and every product ranked up to `limit` is listed."""
    return await reports.top_selling(uow, limit)


@router.get(
    "/admin/users/{user_id}/spending",
    response_model=SpendingRead,
    responses=responses(404, *ADMIN),
    summary="A user's spending",
)
async def user_spending(user_id: UserId, _: AdminUser, uow: UnitOfWorkDep) -> UserSpending:
    """Orders paid by the user (paid, shipped, delivered), their sum and mean value."""
    return await reports.user_spending(uow, user_id)


@router.get(
    "/admin/sales/report",
    response_model=SalesReportRead,
    responses=responses(*ADMIN),
    summary="Sales report",
)
async def sales_report(
    _: AdminUser,
    uow: UnitOfWorkDep,
    from_date: Annotated[date, Query(description="First day (UTC), included.")],
    to_date: Annotated[date, Query(description="Last day (UTC), included: the whole day.")],
) -> SalesReport:
    """Orders, units and revenue of the sales created from from_date to to_date."""
    return await reports.sales_report(uow, from_date, to_date)
