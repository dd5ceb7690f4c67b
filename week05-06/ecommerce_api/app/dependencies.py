"""Request wiring: the session, the unit of work, the caller, pagination and path ids."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import NotAuthenticated, NotPermitted
from app.models import Product, User, UserRole
from app.repositories.pagination import PageRequest
from app.schemas.common import MAX_ID
from app.services import catalog, users
from app.unit_of_work import SqlAlchemyUnitOfWork

MAX_TOKEN_LENGTH = 200


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One AsyncSession per request from the app's one engine; closed however it ends.

    It never commits: FastAPI runs the code after `yield` once the response is sent, too
    late to report a failed commit. The unit of work commits inside the use case.
    """
    async with request.app.state.session_factory() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


async def get_uow(session: SessionDep) -> SqlAlchemyUnitOfWork:
    """The request's unit of work (async: a sync dependency would cost a thread hop)."""
    return SqlAlchemyUnitOfWork(session)


UnitOfWorkDep = Annotated[SqlAlchemyUnitOfWork, Depends(get_uow)]

bearer = HTTPBearer(
    auto_error=False,
    description="The API token from POST /users (or the seeded admin's ADMIN_TOKEN).",
)


async def current_user(
    uow: UnitOfWorkDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    """The caller named by `Authorization: Bearer <token>`; 401 without a valid one."""
    token = credentials.credentials if credentials is not None else None
    if token is not None and len(token) > MAX_TOKEN_LENGTH:
        raise NotAuthenticated("The API token is not valid")
    return await users.authenticate(uow, token)


CurrentUser = Annotated[User, Depends(current_user)]


async def admin_user(user: CurrentUser) -> User:
    """The caller, if an admin; 403 for a customer."""
    if user.role is not UserRole.ADMIN:
        raise NotPermitted("Only admins can do this")
    return user


AdminUser = Annotated[User, Depends(admin_user)]


async def page_request(
    limit: Annotated[int, Query(ge=1, le=100, description="Page size, 1-100.")] = 20,
    skip: Annotated[int, Query(ge=0, le=10_000, description="Rows to skip (offset).")] = 0,
    cursor: Annotated[
        str | None,
        Query(min_length=1, max_length=500, description="`next_cursor` of the previous page."),
    ] = None,
) -> PageRequest:
    """The pagination parameters every list endpoint shares."""
    return PageRequest(limit=limit, skip=skip, cursor=cursor)


PageDep = Annotated[PageRequest, Depends(page_request)]

ProductId = Annotated[int, Path(ge=1, le=MAX_ID, description="The product's id.")]
CategoryId = Annotated[int, Path(ge=1, le=MAX_ID, description="The category's id.")]
OrderId = Annotated[int, Path(ge=1, le=MAX_ID, description="The order's id.")]
UserId = Annotated[int, Path(ge=1, le=MAX_ID, description="The user's id.")]


async def product_or_404(product_id: ProductId, uow: UnitOfWorkDep) -> Product:
    """The product named in the path, with its categories; 404 if there is none."""
    return await catalog.get_product(uow, product_id)


ValidProduct = Annotated[Product, Depends(product_or_404)]
