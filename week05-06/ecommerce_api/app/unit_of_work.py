"""The unit of work: one use case's repositories and its transaction, in one object.

    async with uow:
        ...                  # read and change through uow.products, uow.orders, ...
        await uow.commit()   # the use case's one commit

Leaving the block without commit() rolls back: a refused use case, an exception or a
forgotten commit leaves the database as it was. Nothing else in the app commits.
"""

from __future__ import annotations

import abc
from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession

from app.repositories.cart import (
    AbstractCartRepository,
    AbstractIdempotencyRepository,
    SqlAlchemyCartRepository,
    SqlAlchemyIdempotencyRepository,
)
from app.repositories.catalog import (
    AbstractCategoryRepository,
    AbstractProductRepository,
    SqlAlchemyCategoryRepository,
    SqlAlchemyProductRepository,
)
from app.repositories.inventory import AbstractAlertRepository, SqlAlchemyAlertRepository
from app.repositories.orders import AbstractOrderRepository, SqlAlchemyOrderRepository
from app.repositories.reports import AbstractReportQueries, SqlAlchemyReportQueries
from app.repositories.reviews import AbstractReviewRepository, SqlAlchemyReviewRepository
from app.repositories.users import AbstractUserRepository, SqlAlchemyUserRepository


class AbstractUnitOfWork(abc.ABC):
    """The service layer's view of a transaction; unit tests use a fake one."""

    users: AbstractUserRepository
    categories: AbstractCategoryRepository
    products: AbstractProductRepository
    orders: AbstractOrderRepository
    alerts: AbstractAlertRepository
    reviews: AbstractReviewRepository
    carts: AbstractCartRepository
    idempotency: AbstractIdempotencyRepository
    reports: AbstractReportQueries

    async def __aenter__(self) -> Self:
        """Start the use case."""
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed (after a commit there is nothing left)."""
        await self.rollback()

    @abc.abstractmethod
    async def commit(self) -> None:
        """Make the use case's changes permanent."""
        raise NotImplementedError

    @abc.abstractmethod
    async def rollback(self) -> None:
        """Discard every change not yet committed."""
        raise NotImplementedError


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    """A unit of work on the request's AsyncSession (opened and closed by get_session)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def __aenter__(self) -> Self:
        """Give the use case repositories on this session, so they share its transaction."""
        self.users = SqlAlchemyUserRepository(self.session)
        self.categories = SqlAlchemyCategoryRepository(self.session)
        self.products = SqlAlchemyProductRepository(self.session)
        self.orders = SqlAlchemyOrderRepository(self.session)
        self.alerts = SqlAlchemyAlertRepository(self.session)
        self.reviews = SqlAlchemyReviewRepository(self.session)
        self.carts = SqlAlchemyCartRepository(self.session)
        self.idempotency = SqlAlchemyIdempotencyRepository(self.session)
        self.reports = SqlAlchemyReportQueries(self.session)
        return await super().__aenter__()

    async def commit(self) -> None:
        """COMMIT the session's transaction."""
        await self.session.commit()

    async def rollback(self) -> None:
        """ROLLBACK the session's transaction (a no-op when nothing is pending).

        The session's objects are detached first: a rollback would expire them, and a use
        case that only read returns them for the response, which must not lazy-load.
        """
        self.session.expunge_all()
        await self.session.rollback()
