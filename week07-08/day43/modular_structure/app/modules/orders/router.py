"""HTTP for orders: request -> OrderService -> response.

Building OrderService is where the modules meet: it gets the users and products
services on the same session, so the whole order is one transaction.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, status

from app.dependencies import IdPath, SessionDep
from app.modules.orders.schemas import OrderCreate, OrderRead
from app.modules.orders.service import OrderService
from app.modules.products.service import ProductService
from app.modules.users.service import UserService

router = APIRouter(prefix="/orders", tags=["orders"])

PLACE_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown user or product"},
    409: {"description": "Not enough stock for a line"},
}


def get_order_service(session: SessionDep) -> OrderService:
    """The orders service, with the users and products services on the same session."""
    return OrderService(session, users=UserService(session), products=ProductService(session))


OrderServiceDep = Annotated[OrderService, Depends(get_order_service)]


@router.post("", status_code=status.HTTP_201_CREATED, responses=PLACE_ERRORS)
def place_order(order_in: OrderCreate, service: OrderServiceDep) -> OrderRead:
    """Place an order: stock is reserved for every line, or for none."""
    return service.place_order(order_in)


@router.get("/{order_id}", responses={404: {"description": "No order with this id"}})
def read_order(order_id: IdPath, service: OrderServiceDep) -> OrderRead:
    """One order and its lines."""
    return service.get(order_id)
