"""HTTP for orders: the caller's cart, checkout, their orders; status changes for staff."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, status

from app.modules.auth.dependencies import CurrentUser, RequirePermission
from app.modules.auth.schemas import Principal
from app.modules.orders import service
from app.modules.orders.schemas import CartLineIn, CartRead, OrderRead, OrderStatus, StatusIn
from app.shared.dependencies import NowDep, UowDep
from app.shared.pagination import MAX_ID, Page, PageDep
from app.shared.responses import error_responses

router = APIRouter(tags=["orders"])

ProductId = Annotated[int, Path(ge=1, le=MAX_ID, description="The product's id.")]
OrderId = Annotated[int, Path(ge=1, le=MAX_ID, description="The order's id.")]
Buyer = Annotated[Principal, Depends(RequirePermission("orders:place"))]
Manager = Annotated[Principal, Depends(RequirePermission("orders:manage"))]


@router.get("/cart", responses=error_responses(401, 403), summary="My cart")
async def read_cart(user: Buyer, uow: UowDep) -> CartRead:
    """Your cart at today's prices, with the stock left of each product."""
    return await service.get_cart(uow, user)


@router.put(
    "/cart/items/{product_id}",
    responses=error_responses(401, 403, 404, 422),
    summary="Put a product in my cart",
)
async def put_cart_item(
    product_id: ProductId, data: CartLineIn, user: Buyer, uow: UowDep
) -> CartRead:
    """Set how many of a product your cart holds (stock is checked at checkout)."""
    return await service.put_cart_line(uow, user, product_id, data.quantity)


@router.delete(
    "/cart/items/{product_id}",
    responses=error_responses(401, 403, 422),
    summary="Take a product out of my cart",
)
async def delete_cart_item(product_id: ProductId, user: Buyer, uow: UowDep) -> CartRead:
    """Remove a product from your cart."""
    return await service.remove_cart_line(uow, user, product_id)


@router.delete("/cart", responses=error_responses(401, 403), summary="Empty my cart")
async def clear_cart(user: Buyer, uow: UowDep) -> CartRead:
    """Remove every product from your cart."""
    return await service.remove_cart_line(uow, user, None)


@router.post(
    "/orders",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 409, 422),
    summary="Check out my cart",
)
async def checkout(user: Buyer, uow: UowDep, now: NowDep) -> OrderRead:
    """Turn your cart into a pending order; its stock is taken in the same transaction.

    409 `out_of_stock` or `unavailable` if a line cannot be served (nothing is taken);
    422 for an empty cart.
    """
    return await service.checkout(uow, user, now)


@router.get("/orders", responses=error_responses(401, 422), summary="My orders")
async def list_orders(
    user: CurrentUser, uow: UowDep, page: PageDep, status: OrderStatus | None = None
) -> Page[OrderRead]:
    """Your orders, newest first, optionally of one status."""
    return await service.list_my_orders(uow, user, page, status)


@router.get(
    "/orders/{order_id}", responses=error_responses(401, 404, 422), summary="Track an order"
)
async def read_order(order_id: OrderId, user: CurrentUser, uow: UowDep) -> OrderRead:
    """One of your orders with its lines and status history; another customer's is 404."""
    return await service.get_order(uow, user, order_id)


@router.post(
    "/orders/{order_id}/cancel",
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Cancel my order",
)
async def cancel_order(order_id: OrderId, user: Buyer, uow: UowDep, now: NowDep) -> OrderRead:
    """Cancel your order while it is pending or paid; its stock goes back."""
    return await service.cancel_order(uow, user, order_id, now)


@router.patch(
    "/orders/{order_id}/status",
    responses=error_responses(401, 403, 404, 409, 422),
    summary="Change an order's status (staff)",
)
async def change_status(
    order_id: OrderId, data: StatusIn, user: Manager, uow: UowDep, now: NowDep
) -> OrderRead:
    """pending -> paid -> shipped -> delivered; cancelled from pending or paid. 409 otherwise."""
    return await service.change_status(uow, user, order_id, data.status, now)
