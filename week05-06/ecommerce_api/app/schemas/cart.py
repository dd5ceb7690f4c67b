"""Cart bodies: lines at current prices, and the checkout request."""

from pydantic import Field

from app.schemas.common import Id, MoneyIn, MoneyOut, Quantity, ReadModel, RequestBody


class CartItemIn(RequestBody):
    """A product to add and how many units (added to any already in the cart)."""

    product_id: Id
    quantity: Quantity = Field(default=1, examples=[1])


class CartItemUpdate(RequestBody):
    """The new quantity of a line."""

    quantity: Quantity = Field(examples=[3])


class CartLineRead(ReadModel):
    """A cart line at the product's current price."""

    product_id: int
    name: str
    unit_price: MoneyOut
    quantity: int
    line_total: MoneyOut


class CartRead(ReadModel):
    """The cart and its total at current prices."""

    items: list[CartLineRead]
    total: MoneyOut


class CheckoutIn(RequestBody):
    """Optional: the total the customer saw; checkout is refused (409) if it changed."""

    expected_total: MoneyIn | None = None
