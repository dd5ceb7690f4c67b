"""POST /register, POST /token (OAuth2), and the routes a bearer token opens: /users/me, /notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response, status
from fastapi.security import OAuth2PasswordRequestFormStrict

from app import service
from app.dependencies import (
    ClockDep,
    CurrentUser,
    HasherDep,
    SessionDep,
    SettingsDep,
    get_current_user,
)
from app.models import Note, User
from app.oauth2 import NO_STORE, OAuth2Error, OAuth2TokenRoute, reject_repeated_parameters
from app.schemas import NoteCreate, NoteRead, OAuth2ErrorBody, TokenResponse, UserCreate, UserRead
from app.security import create_access_token

Responses = dict[int | str, dict[str, Any]]

CONFLICT: Responses = {status.HTTP_409_CONFLICT: {"description": "Email already registered"}}
TOKEN_ERRORS: Responses = {
    status.HTTP_400_BAD_REQUEST: {
        "model": OAuth2ErrorBody,
        "description": "invalid_request, unsupported_grant_type or invalid_grant (RFC 6749 5.2)",
    }
}
NEEDS_TOKEN: Responses = {
    status.HTTP_401_UNAUTHORIZED: {"description": "No token, or an invalid or expired one"}
}

# Only /token answers errors the OAuth2 way; /register keeps FastAPI's 422.
token_router = APIRouter(route_class=OAuth2TokenRoute, tags=["auth"])
router = APIRouter()
# Every route of this router needs a bearer token: a route added here cannot forget it.
# (Routes that also take CurrentUser get the same user: FastAPI runs a dependency once.)
protected = APIRouter(dependencies=[Depends(get_current_user)], responses=NEEDS_TOKEN)

TokenForm = Annotated[OAuth2PasswordRequestFormStrict, Depends()]


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


@token_router.post(
    "/token",
    response_model=TokenResponse,
    responses=TOKEN_ERRORS,
    dependencies=[Depends(reject_repeated_parameters)],
)
def issue_token(
    form: TokenForm,
    response: Response,
    db: SessionDep,
    hasher: HasherDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> TokenResponse:
    """The OAuth2 password grant (RFC 6749 4.3): a form in, a bearer access token out.

    The form: grant_type=password, username (the email, any case), password; scope,
    client_id and client_secret are accepted and ignored. A wrong password or an unknown
    username: 400 invalid_grant, one answer for both. The token response carries
    Cache-Control: no-store and Pragma: no-cache.
    """
    user = service.authenticate(db, hasher, form.username, form.password)
    if user is None:
        raise OAuth2Error("invalid_grant", "Incorrect username or password")
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    # The token names the user by id only: a JWT is signed, not encrypted, anyone can read it.
    token = create_access_token({"sub": str(user.id)}, lifetime, settings=settings, now=clock)
    response.headers.update(NO_STORE)
    return TokenResponse(
        access_token=token, token_type="bearer", expires_in=int(lifetime.total_seconds())
    )


@protected.get("/users/me", response_model=UserRead, tags=["users"])
def read_me(user: CurrentUser) -> User:
    """The user the access token belongs to."""
    return user


@protected.get("/notes", response_model=list[NoteRead], tags=["notes"])
def list_notes(user: CurrentUser, db: SessionDep) -> Sequence[Note]:
    """The current user's notes, oldest first."""
    return service.notes_of(db, user)


@protected.post(
    "/notes", status_code=status.HTTP_201_CREATED, response_model=NoteRead, tags=["notes"]
)
def create_note(note_in: NoteCreate, user: CurrentUser, db: SessionDep) -> Note:
    """Add a note for the current user."""
    return service.add_note(db, user, note_in.text)
