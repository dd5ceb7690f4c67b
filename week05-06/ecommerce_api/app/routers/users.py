"""Sign-up and the caller's own account."""

from fastapi import APIRouter, status

from app.dependencies import AdminUser, CurrentUser, PageDep, UnitOfWorkDep
from app.models import User
from app.routers.docs import ADMIN, AUTH, BODY, responses
from app.schemas.common import Page
from app.schemas.user import SignUpRead, UserCreate, UserRead
from app.services import users

router = APIRouter(tags=["users"])


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    response_model=SignUpRead,
    responses=responses(409, *BODY),
    summary="Sign up",
)
async def sign_up(user_in: UserCreate, uow: UnitOfWorkDep) -> SignUpRead:
    """Create a customer account; the answer holds its API token, shown this once."""
    signed_up = await users.sign_up(uow, email=user_in.email, name=user_in.name)
    return SignUpRead(user=UserRead.model_validate(signed_up.user), token=signed_up.token)


@router.get("/users/me", response_model=UserRead, responses=responses(*AUTH), summary="Who am I")
async def read_me(user: CurrentUser) -> User:
    """The account the API token belongs to."""
    return user


@router.get(
    "/admin/users",
    response_model=Page[UserRead],
    responses=responses(*ADMIN),
    summary="List users",
    tags=["admin"],
)
async def list_users(_: AdminUser, uow: UnitOfWorkDep, page: PageDep) -> object:
    """Every user, by id (admins)."""
    return await users.list_users(uow, page)
