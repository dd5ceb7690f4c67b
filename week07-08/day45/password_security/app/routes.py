"""POST /register and POST /login: thin routes, the work is in app.service."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, status

from app import service
from app.dependencies import HasherDep, SessionDep
from app.models import User
from app.schemas import LoginRequest, LoginResult, UserCreate, UserRead

router = APIRouter(tags=["auth"])

Responses = dict[int | str, dict[str, Any]]

LOGIN_FAILED = "Incorrect email or password"
CONFLICT: Responses = {status.HTTP_409_CONFLICT: {"description": "Email already registered"}}
UNAUTHORIZED: Responses = {status.HTTP_401_UNAUTHORIZED: {"description": LOGIN_FAILED}}


@router.post(
    "/register", status_code=status.HTTP_201_CREATED, response_model=UserRead, responses=CONFLICT
)
def register(user_in: UserCreate, db: SessionDep, hasher: HasherDep) -> User:
    """Create an account; the password is stored only as an argon2id hash."""
    return service.register_user(db, hasher, user_in)


@router.post("/login", response_model=LoginResult, responses=UNAUTHORIZED)
def login(credentials: LoginRequest, db: SessionDep, hasher: HasherDep) -> LoginResult:
    """Check an email and password; 401 with one message for any failure."""
    password = credentials.password.get_secret_value()
    user = service.authenticate(db, hasher, credentials.email, password)
    if user is None:
        # One answer for an unknown email and a wrong password: it must not tell them apart.
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=LOGIN_FAILED)
    return LoginResult(message="Login successful", user=UserRead.model_validate(user))
