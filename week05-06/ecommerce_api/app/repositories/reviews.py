"""Reviews: add, list a product's, aggregate its rating, and who may write one."""

import abc
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import exists, func, select

from app.models import Order, OrderItem, OrderStatus, Review
from app.repositories.base import SqlAlchemyRepository
from app.repositories.integrity import flush_or_conflict
from app.repositories.pagination import Page, PageRequest, SortKey, fetch_page, parse_int

NEWEST_FIRST = SortKey("id", Review.id, Review.id, descending=True, parse=parse_int)


@dataclass(frozen=True)
class RatingSummary:
    """A product's mean rating (None without reviews) and how many reviews it has."""

    average: Decimal | None
    count: int


class AbstractReviewRepository(abc.ABC):
    """The reviews a use case can see, and the purchase history behind them."""

    @abc.abstractmethod
    async def add(self, review: Review) -> None:
        """Store a review; Conflict if the user already reviewed the product."""
        raise NotImplementedError

    @abc.abstractmethod
    async def list_for_product(self, product_id: int, page: PageRequest) -> Page[Review]:
        """A product's reviews, newest first."""
        raise NotImplementedError

    @abc.abstractmethod
    async def summary(self, product_id: int) -> RatingSummary:
        """The product's average rating (two decimals, half up) and review count."""
        raise NotImplementedError

    @abc.abstractmethod
    async def has_received(self, user_id: int, product_id: int) -> bool:
        """Whether an order of this user holding this product was delivered."""
        raise NotImplementedError


class SqlAlchemyReviewRepository(SqlAlchemyRepository, AbstractReviewRepository):
    """Reviews in PostgreSQL."""

    async def add(self, review: Review) -> None:
        """INSERT now; the unique (user_id, product_id) index makes a second one a Conflict."""
        self.session.add(review)
        message = f"You have already reviewed product {review.product_id}"
        await flush_or_conflict(self.session, {"uq_reviews_user_id_product_id": message})

    async def list_for_product(self, product_id: int, page: PageRequest) -> Page[Review]:
        """A page of the product's reviews."""
        rows = select(Review).where(Review.product_id == product_id)
        return await fetch_page(self.session, rows, NEWEST_FIRST, page)

    async def summary(self, product_id: int) -> RatingSummary:
        """AVG in NUMERIC (exact), rounded to two decimals by PostgreSQL, and COUNT."""
        found = await self.session.execute(
            select(func.round(func.avg(Review.rating), 2), func.count()).where(
                Review.product_id == product_id
            )
        )
        average, count = found.one()
        return RatingSummary(average=average, count=count)

    async def has_received(self, user_id: int, product_id: int) -> bool:
        """SELECT EXISTS a delivered order of the user with a line for the product."""
        delivered = exists().where(
            Order.id == OrderItem.order_id,
            Order.user_id == user_id,
            Order.status == OrderStatus.DELIVERED,
            OrderItem.product_id == product_id,
        )
        return bool((await self.session.execute(select(delivered))).scalar())
