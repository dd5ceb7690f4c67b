"""Categories: anyone reads them, admins change them."""

from fastapi import APIRouter, Response, status

from app.dependencies import AdminUser, CategoryId, PageDep, UnitOfWorkDep
from app.models import Category
from app.routers.docs import ADMIN, BODY, responses
from app.schemas.category import CategoryCreate, CategoryRead, CategoryUpdate
from app.schemas.common import Page
from app.services import catalog

router = APIRouter(tags=["catalog"])


@router.get(
    "/categories",
    response_model=Page[CategoryRead],
    responses=responses(),
    summary="List categories",
)
async def list_categories(uow: UnitOfWorkDep, page: PageDep) -> object:
    """Categories by name."""
    return await catalog.list_categories(uow, page)


@router.get(
    "/categories/{category_id}",
    response_model=CategoryRead,
    responses=responses(404),
    summary="Get a category",
)
async def read_category(category_id: CategoryId, uow: UnitOfWorkDep) -> Category:
    """One category."""
    return await catalog.get_category(uow, category_id)


@router.post(
    "/categories",
    status_code=status.HTTP_201_CREATED,
    response_model=CategoryRead,
    responses=responses(409, *ADMIN, *BODY),
    summary="Create a category",
)
async def create_category(
    category_in: CategoryCreate, _: AdminUser, uow: UnitOfWorkDep
) -> Category:
    """Add a category (admins); 409 if the name is taken."""
    return await catalog.create_category(
        uow, name=category_in.name, description=category_in.description
    )


@router.patch(
    "/categories/{category_id}",
    response_model=CategoryRead,
    responses=responses(404, 409, *ADMIN, *BODY),
    summary="Update a category",
)
async def update_category(
    category_id: CategoryId, category_in: CategoryUpdate, _: AdminUser, uow: UnitOfWorkDep
) -> Category:
    """Rename or redescribe a category (admins)."""
    return await catalog.update_category(
        uow, category_id, name=category_in.name, description=category_in.description
    )


@router.delete(
    "/categories/{category_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(404, *ADMIN),
    summary="Delete a category",
)
async def delete_category(category_id: CategoryId, _: AdminUser, uow: UnitOfWorkDep) -> Response:
    """Delete a category (admins); its products stay, without it."""
    await catalog.delete_category(uow, category_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
