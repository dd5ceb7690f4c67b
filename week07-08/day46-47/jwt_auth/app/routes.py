"""POST /register, POST /login (a token) and GET /users/me (needs one)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, status

from app import service
from app.dependencies import ClockDep, CurrentUser, HasherDep, SessionDep, SettingsDep
from app.models import User
from app.schemas import LoginRequest, Token, UserCreate, UserRead
from app.security import create_access_token

router = APIRouter()

Responses = dict[int | str, dict[str, Any]]

LOGIN_FAILED = "Incorrect email or password"
CONFLICT: Responses = {status.HTTP_409_CONFLICT: {"description": "Email already registered"}}
LOGIN_401: Responses = {status.HTTP_401_UNAUTHORIZED: {"description": LOGIN_FAILED}}
TOKEN_401: Responses = {status.HTTP_401_UNAUTHORIZED: {"description": "No valid access token"}}


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses=CONFLICT,
    tags=["auth"],
)
def register(user_in: UserCreate, db: SessionDep, hasher: HasherDep) -> User:
    """Create an account; the password is stored only as an argon2id hash."""
    return service.register_user(db, hasher, user_in)


@router.post("/login", response_model=Token, responses=LOGIN_401, tags=["auth"])
def login(
    credentials: LoginRequest,
    db: SessionDep,
    hasher: HasherDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Token:
    """Trade an email and password for an access token; 401 for any failure."""
    password = credentials.password.get_secret_value()
    user = service.authenticate(db, hasher, credentials.email, password)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail=LOGIN_FAILED,
            headers={"WWW-Authenticate": "Bearer"},
        )
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    # The token names the user by id only: a JWT is signed, not encrypted, anyone can read it.
    token = create_access_token({"sub": str(user.id)}, lifetime, settings=settings, now=clock)
    return Token(access_token=token)


@router.get("/users/me", response_model=UserRead, responses=TOKEN_401, tags=["users"])
def read_me(user: CurrentUser) -> User:
    """The user the access token belongs to."""
    return user
