"""Review use cases: write one (only for a product you received), read them, and the rating."""

from dataclasses import dataclass
from decimal import Decimal

from app.errors import NotFound, NotPermitted
from app.models import Review, User
from app.repositories.pagination import Page, PageRequest
from app.unit_of_work import AbstractUnitOfWork


@dataclass(frozen=True)
class Rating:
    """A product's average rating (None without reviews) and its number of reviews."""

    product_id: int
    average: Decimal | None
    count: int


async def add_review(
    uow: AbstractUnitOfWork, author: User, product_id: int, *, rating: int, comment: str | None
) -> Review:
    """Review a product; NotFound for an unknown product, NotPermitted unless an order of
    the author holding it was delivered, Conflict for a second review of it."""
    async with uow:
        if await uow.products.get(product_id) is None:
            raise NotFound("Product", product_id)  # pragma: no mutate
        if not await uow.reviews.has_received(author.id, product_id):
            raise NotPermitted(f"Only customers who received product {product_id} can review it")
        review = Review(user_id=author.id, product_id=product_id, rating=rating, comment=comment)
        await uow.reviews.add(review)
        await uow.commit()
    return review


async def list_reviews(uow: AbstractUnitOfWork, product_id: int, page: PageRequest) -> Page[Review]:
    """A product's reviews, newest first; NotFound for an unknown product."""
    async with uow:
        if await uow.products.get(product_id) is None:
            raise NotFound("Product", product_id)  # pragma: no mutate
        return await uow.reviews.list_for_product(product_id, page)


async def get_rating(uow: AbstractUnitOfWork, product_id: int) -> Rating:
    """The product's average rating (two decimals) and review count."""
    async with uow:
        if await uow.products.get(product_id) is None:
            raise NotFound("Product", product_id)  # pragma: no mutate
        summary = await uow.reviews.summary(product_id)
    return Rating(product_id=product_id, average=summary.average, count=summary.count)
