"""Reviews of a product, and its rating."""

from fastapi import APIRouter, status

from app.dependencies import CurrentUser, PageDep, ProductId, UnitOfWorkDep
from app.models import Review
from app.repositories.pagination import Page as PageOf
from app.routers.docs import AUTH, BODY, responses
from app.schemas.common import Page
from app.schemas.review import RatingRead, ReviewCreate, ReviewRead
from app.services import reviews
from app.services.reviews import Rating

router = APIRouter(tags=["reviews"])


@router.post(
    "/products/{product_id}/reviews",
    status_code=status.HTTP_201_CREATED,
    response_model=ReviewRead,
    responses=responses(403, 404, 409, *AUTH, *BODY),
    summary="Review a product",
)
async def add_review(
    product_id: ProductId, review_in: ReviewCreate, user: CurrentUser, uow: UnitOfWorkDep
) -> Review:
    """Rate a product you received (403 otherwise), once (409 the second time)."""
    return await reviews.add_review(
        uow, user, product_id, rating=review_in.rating, comment=review_in.comment
    )


@router.get(
    "/products/{product_id}/reviews",
    response_model=Page[ReviewRead],
    responses=responses(404),
    summary="A product's reviews",
)
async def list_reviews(product_id: ProductId, uow: UnitOfWorkDep, page: PageDep) -> PageOf[Review]:
    """Reviews, newest first."""
    return await reviews.list_reviews(uow, product_id, page)


@router.get(
    "/products/{product_id}/rating",
    response_model=RatingRead,
    responses=responses(404),
    summary="A product's rating",
)
async def read_rating(product_id: ProductId, uow: UnitOfWorkDep) -> Rating:
    """The average rating (two decimals, null without reviews) and the number of reviews."""
    return await reviews.get_rating(uow, product_id)
