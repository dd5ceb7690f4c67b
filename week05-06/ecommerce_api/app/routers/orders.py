"""Orders: place one from lines, read your history, move an order through its workflow."""

from fastapi import APIRouter, status

from app.dependencies import CurrentUser, OrderId, PageDep, UnitOfWorkDep
from app.models import Order
from app.repositories.pagination import Page as PageOf
from app.routers.docs import AUTH, BODY, responses
from app.schemas.common import Page
from app.schemas.order import OrderCreate, OrderRead, OrderStatusChange
from app.services import orders
from app.services.orders import OrderLine

router = APIRouter(tags=["orders"])


@router.post(
    "/orders",
    status_code=status.HTTP_201_CREATED,
    response_model=OrderRead,
    responses=responses(409, *AUTH, *BODY),
    summary="Place an order",
)
async def place_order(order_in: OrderCreate, user: CurrentUser, uow: UnitOfWorkDep) -> Order:
    """Order products at their current prices; 409 if any line is out of stock (then no
    stock changes at all)."""
    lines = [OrderLine(item.product_id, item.quantity) for item in order_in.items]
    return await orders.place_order(uow, user.id, lines)


@router.get(
    "/orders", response_model=Page[OrderRead], responses=responses(*AUTH), summary="Order history"
)
async def list_orders(user: CurrentUser, uow: UnitOfWorkDep, page: PageDep) -> PageOf[Order]:
    """Your orders, newest first."""
    return await orders.list_orders(uow, user.id, page)


@router.get(
    "/orders/{order_id}",
    response_model=OrderRead,
    responses=responses(404, *AUTH),
    summary="Get an order",
)
async def read_order(order_id: OrderId, user: CurrentUser, uow: UnitOfWorkDep) -> Order:
    """One of your orders (admins: any order)."""
    return await orders.get_order(uow, user, order_id)


@router.patch(
    "/orders/{order_id}/status",
    response_model=OrderRead,
    responses=responses(403, 404, 409, *AUTH, *BODY),
    summary="Change an order's status",
)
async def change_order_status(
    order_id: OrderId, change: OrderStatusChange, user: CurrentUser, uow: UnitOfWorkDep
) -> Order:
    """pending -> paid -> shipped -> delivered, pending|paid -> cancelled (stock returned);
    any other move is 409. Customers may pay or cancel their own orders; admins do the rest."""
    return await orders.change_status(uow, user, order_id, change.status)
