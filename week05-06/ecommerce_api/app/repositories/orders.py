"""Orders: add, get (with lines), lock for a status change, list one user's history."""

import abc

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.models import Order
from app.repositories.base import SqlAlchemyRepository
from app.repositories.pagination import Page, PageRequest, SortKey, fetch_page, parse_datetime

NEWEST_FIRST = SortKey(
    "created_at", Order.created_at, Order.id, descending=True, parse=parse_datetime
)


class AbstractOrderRepository(abc.ABC):
    """The orders a use case can see and lock."""

    @abc.abstractmethod
    async def add(self, order: Order) -> None:
        """Store a new order with its lines."""
        raise NotImplementedError

    @abc.abstractmethod
    async def get(self, order_id: int, *, for_update: bool = False) -> Order | None:
        """The order with its lines, or None; locked until the transaction ends if asked."""
        raise NotImplementedError

    @abc.abstractmethod
    async def list_for_user(self, user_id: int, page: PageRequest) -> Page[Order]:
        """One user's orders, newest first, lines loaded."""
        raise NotImplementedError


class SqlAlchemyOrderRepository(SqlAlchemyRepository, AbstractOrderRepository):
    """Orders in PostgreSQL."""

    async def add(self, order: Order) -> None:
        """INSERT the order, then its lines (one statement for all of them)."""
        self.session.add(order)
        await self.session.flush()

    async def get(self, order_id: int, *, for_update: bool = False) -> Order | None:
        """SELECT the order (FOR UPDATE if asked), its lines in a second statement."""
        query = select(Order).where(Order.id == order_id).options(selectinload(Order.items))
        if for_update:
            # populate_existing: an order this session loaded earlier is re-read, not
            # served stale from the identity map, now that its row is locked.
            query = query.with_for_update(of=Order).execution_options(populate_existing=True)
        found = await self.session.execute(query)
        return found.scalar_one_or_none()

    async def list_for_user(self, user_id: int, page: PageRequest) -> Page[Order]:
        """The user's orders by (created_at, id) descending, through their index."""
        rows = select(Order).where(Order.user_id == user_id).options(selectinload(Order.items))
        return await fetch_page(self.session, rows, NEWEST_FIRST, page)
