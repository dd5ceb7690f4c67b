"""The only code that writes SQL for orders. It flushes, never commits."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.modules.orders.models import Order


class OrderRepository:
    """Orders and their lines in PostgreSQL, through the request's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, order: Order) -> None:
        """INSERT the order and its lines now (flush), so they have their ids."""
        self.session.add(order)
        self.session.flush()

    def get(self, order_id: int) -> Order | None:
        """The order with its lines loaded (two statements), or None."""
        query = select(Order).where(Order.id == order_id).options(selectinload(Order.items))
        return self.session.scalar(query)
