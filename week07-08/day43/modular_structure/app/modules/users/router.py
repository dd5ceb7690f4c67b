"""HTTP for users: request -> UserService -> response. No SQL, no rules, no commits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, status

from app.dependencies import IdPath, SessionDep
from app.modules.users.schemas import UserCreate, UserRead
from app.modules.users.service import UserService

router = APIRouter(prefix="/users", tags=["users"])


def get_user_service(session: SessionDep) -> UserService:
    """The users service on the request's session."""
    return UserService(session)


UserServiceDep = Annotated[UserService, Depends(get_user_service)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "Email already registered"}},
)
def register_user(user_in: UserCreate, service: UserServiceDep) -> UserRead:
    """Register a user."""
    return service.register(user_in)


@router.get("/{user_id}", responses={404: {"description": "No user with this id"}})
def read_user(user_id: IdPath, service: UserServiceDep) -> UserRead:
    """One user."""
    return service.get(user_id)
