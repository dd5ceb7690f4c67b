"""Day 40: who may review, and only once, on a fake unit of work."""

import pytest

from app.errors import Conflict, NotFound, NotPermitted
from app.models import OrderStatus
from app.services import orders, reviews
from app.services.orders import OrderLine
from tests.unit.fakes import FakeUnitOfWork, add_product, customer

pytestmark = [pytest.mark.day(40), pytest.mark.asyncio]


async def test_only_a_customer_who_received_the_product_reviews_it_once() -> None:
    uow = FakeUnitOfWork()
    product = await add_product(uow)
    order = await orders.place_order(uow, 1, [OrderLine(product.id, 1)])
    for status in (OrderStatus.PENDING, OrderStatus.PAID, OrderStatus.SHIPPED):
        order.status = status
        with pytest.raises(NotPermitted):
            await reviews.add_review(uow, customer(1), product.id, rating=5, comment=None)
    order.status = OrderStatus.DELIVERED
    review = await reviews.add_review(uow, customer(1), product.id, rating=4, comment="Good")
    assert (review.rating, review.user_id, review.product_id, review.comment) == (
        4,
        1,
        product.id,
        "Good",
    ), f"Called add_review after delivery. Got {review}"
    with pytest.raises(Conflict):
        await reviews.add_review(uow, customer(1), product.id, rating=5, comment=None)
    with pytest.raises(NotPermitted):
        await reviews.add_review(uow, customer(2), product.id, rating=5, comment=None)
    with pytest.raises(NotFound):
        await reviews.add_review(uow, customer(1), 999, rating=5, comment=None)
