"""The caller's cart, and checkout."""

from typing import Annotated

from fastapi import APIRouter, Header, Response, status
from fastapi.responses import JSONResponse

from app.dependencies import CurrentUser, ProductId, UnitOfWorkDep
from app.models import Order
from app.routers.docs import AUTH, BODY, responses
from app.schemas.cart import CartItemIn, CartItemUpdate, CartLineRead, CartRead, CheckoutIn
from app.schemas.order import OrderRead
from app.services import cart
from app.services.cart import Cart

router = APIRouter(tags=["cart"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Any unique string (a UUID): retries with the same key and body return "
        "the first answer and create one order.",
    ),
]


def cart_read(current: Cart) -> CartRead:
    """A Cart as its Read schema."""
    return CartRead(
        items=[
            CartLineRead(
                product_id=line.product.id,
                name=line.product.name,
                unit_price=line.product.price,
                quantity=line.quantity,
                line_total=line.line_total,
            )
            for line in current.lines
        ],
        total=current.total,
    )


@router.get("/cart", response_model=CartRead, responses=responses(*AUTH), summary="Your cart")
async def read_cart(user: CurrentUser, uow: UnitOfWorkDep) -> CartRead:
    """The cart at current prices."""
    return cart_read(await cart.get_cart(uow, user.id))


@router.post(
    "/cart/items",
    response_model=CartRead,
    responses=responses(404, *AUTH, *BODY),
    summary="Add to the cart",
)
async def add_item(item_in: CartItemIn, user: CurrentUser, uow: UnitOfWorkDep) -> CartRead:
    """Add units of a product; adding the same product again adds up."""
    return cart_read(await cart.add_item(uow, user.id, item_in.product_id, item_in.quantity))


@router.patch(
    "/cart/items/{product_id}",
    response_model=CartRead,
    responses=responses(404, *AUTH, *BODY),
    summary="Change a quantity",
)
async def set_quantity(
    product_id: ProductId, item_in: CartItemUpdate, user: CurrentUser, uow: UnitOfWorkDep
) -> CartRead:
    """Set how many units of a product the cart holds."""
    return cart_read(await cart.set_quantity(uow, user.id, product_id, item_in.quantity))


@router.delete(
    "/cart/items/{product_id}",
    response_model=CartRead,
    responses=responses(404, *AUTH),
    summary="Remove from the cart",
)
async def remove_item(product_id: ProductId, user: CurrentUser, uow: UnitOfWorkDep) -> CartRead:
    """Take a product out of the cart."""
    return cart_read(await cart.remove_item(uow, user.id, product_id))


@router.delete(
    "/cart",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(*AUTH),
    summary="Empty the cart",
)
async def clear_cart(user: CurrentUser, uow: UnitOfWorkDep) -> Response:
    """Remove every line."""
    await cart.clear(uow, user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def order_json(order: Order) -> dict[str, object]:
    """The order as the answer's JSON (what an idempotent retry replays)."""
    return OrderRead.model_validate(order).model_dump(mode="json")


@router.post(
    "/cart/checkout",
    status_code=status.HTTP_201_CREATED,
    response_model=OrderRead,
    responses=responses(409, *AUTH, *BODY),
    summary="Check out",
)
async def checkout(
    user: CurrentUser,
    uow: UnitOfWorkDep,
    checkout_in: CheckoutIn | None = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Turn the cart into an order at current prices and empty it, in one transaction.

    With an `Idempotency-Key`: the same key and body return the first answer (one order);
    the same key with another body is 422; a retry while the first still runs is 409.
    """
    body = checkout_in or CheckoutIn()
    if idempotency_key is None:
        order = await cart.checkout(uow, user.id, expected_total=body.expected_total)
        return JSONResponse(order_json(order), status_code=status.HTTP_201_CREATED)
    answer = await cart.idempotent_checkout(
        uow,
        user.id,
        key=idempotency_key,
        body_hash=cart.request_hash(body.model_dump_json().encode()),
        expected_total=body.expected_total,
        render=order_json,
    )
    return JSONResponse(answer.body, status_code=answer.status_code)
