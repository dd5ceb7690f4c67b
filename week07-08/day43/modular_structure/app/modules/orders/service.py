"""The orders module's public interface. It reaches users and products through their services.

Placing an order is one use case across three modules, so it is one transaction:
the order's `atomic` block commits the stock reservations with the order, or rolls
all of them back when a line is refused.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from sqlalchemy.orm import Session

from app.modules.orders.exceptions import OrderNotFound
from app.modules.orders.models import Order, OrderItem
from app.modules.orders.repository import OrderRepository
from app.modules.orders.schemas import OrderCreate, OrderRead
from app.modules.products.service import ProductService
from app.modules.users.service import UserService
from app.shared.utils import atomic


class OrderService:
    """Order use cases, given the other modules' services (their public interfaces)."""

    def __init__(self, session: Session, *, users: UserService, products: ProductService) -> None:
        """Keep the session, an OrderRepository on it, and the two services it is given."""
        self.session = session
        self.orders = OrderRepository(session)
        self.users = users
        self.products = products

    def place_order(self, order_in: OrderCreate) -> OrderRead:
        """Reserve stock for every line and store the order (one commit).

        UserNotFound, ProductNotFound or OutOfStock refuse it, and nothing is kept.
        """
        quantities: Counter[int] = Counter()
        for line in order_in.items:
            quantities[line.product_id] += line.quantity  # two lines of one product: one line
        with atomic(self.session):
            self.users.get(order_in.user_id)
            order = Order(user_id=order_in.user_id, items=[])
            # Rows are locked in product id order, so two orders never wait on each other.
            for product_id in sorted(quantities):
                product = self.products.reserve_stock(product_id, quantities[product_id])
                order.items.append(
                    OrderItem(
                        product_id=product_id,
                        quantity=quantities[product_id],
                        unit_price=product.price,
                    )
                )
            order.total = sum(
                (item.unit_price * item.quantity for item in order.items), start=Decimal(0)
            )
            self.orders.add(order)
            return OrderRead.model_validate(order)

    def get(self, order_id: int) -> OrderRead:
        """The order and its lines; OrderNotFound."""
        order = self.orders.get(order_id)
        if order is None:
            raise OrderNotFound(order_id)
        return OrderRead.model_validate(order)
