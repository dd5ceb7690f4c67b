"""Registration and login (public) and the caller's own account (any logged-in user)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from app import service
from app.access import authenticated, public
from app.dependencies import ClockDep, HasherDep, SessionDep, SettingsDep
from app.models import User
from app.oauth2 import NO_STORE, OAuth2Error
from app.permissions import permissions_for_role
from app.schemas import Me, Token, UserCreate, UserRead
from app.security import create_access_token

router = APIRouter()

Responses = dict[int | str, dict[str, Any]]
GRANT_ERROR: Responses = {status.HTTP_400_BAD_REQUEST: {"description": "invalid_grant"}}
TokenForm = Annotated[OAuth2PasswordRequestForm, Depends()]


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    dependencies=[Depends(public)],
    tags=["auth"],
)
def register(user_in: UserCreate, db: SessionDep, hasher: HasherDep) -> User:
    """Create an account with the role "user"; 409 if the email is taken."""
    password = user_in.password.get_secret_value()
    return service.register_user(db, hasher, user_in.email, password)


@router.post(
    "/token",
    response_model=Token,
    responses=GRANT_ERROR,
    dependencies=[Depends(public)],
    tags=["auth"],
)
def login(
    form: TokenForm,
    response: Response,
    db: SessionDep,
    hasher: HasherDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Token:
    """OAuth2 password grant: an access token that names the user, and no permission."""
    user = service.authenticate(db, hasher, form.username, form.password)
    if user is None:
        raise OAuth2Error("invalid_grant", "Incorrect username or password")
    response.headers.update(NO_STORE)
    token = create_access_token(user.id, settings=settings, now=clock())
    return Token(access_token=token, expires_in=settings.access_token_expire_minutes * 60)


@router.get("/users/me", response_model=Me, tags=["users"])
def read_me(user: Annotated[User, Depends(authenticated)], db: SessionDep) -> Me:
    """The caller, their role, and the permissions that role has now (sorted)."""
    permissions = sorted(permissions_for_role(db, user.role))
    return Me(**UserRead.model_validate(user).model_dump(), permissions=permissions)
