"""Accounts, the token endpoints (login, refresh, revoke) and the routes a token opens."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from app import refresh_tokens, service
from app.dependencies import ClockDep, CurrentUser, HasherDep, SessionDep, SettingsDep
from app.models import User
from app.oauth2 import NO_STORE, OAuth2Error
from app.refresh_tokens import InvalidRefreshToken, TokenPair
from app.schemas import OAuth2ErrorBody, RefreshRequest, TokenResponse, UserCreate, UserRead

Responses = dict[int | str, dict[str, Any]]

GRANT_ERROR: Responses = {
    status.HTTP_400_BAD_REQUEST: {"model": OAuth2ErrorBody, "description": "invalid_grant"}
}
NEEDS_TOKEN: Responses = {status.HTTP_401_UNAUTHORIZED: {"description": "No valid access token"}}
# One answer for every refused refresh token: unknown, expired, used, revoked.
REFRESH_REFUSED = "The refresh token is invalid, expired or revoked"

router = APIRouter()
TokenForm = Annotated[OAuth2PasswordRequestForm, Depends()]


def token_response(pair: TokenPair, response: Response) -> TokenResponse:
    """The pair as RFC 6749 5.1 answers it, never to be cached."""
    response.headers.update(NO_STORE)
    return TokenResponse(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_in=pair.expires_in,
    )


@router.post(
    "/register", status_code=status.HTTP_201_CREATED, response_model=UserRead, tags=["auth"]
)
def register(user_in: UserCreate, db: SessionDep, hasher: HasherDep) -> User:
    """Create an account; the password is stored only as an argon2id hash."""
    password = user_in.password.get_secret_value()
    return service.register_user(db, hasher, user_in.email, password)


@router.post("/token", response_model=TokenResponse, responses=GRANT_ERROR, tags=["auth"])
def login(
    form: TokenForm,
    response: Response,
    db: SessionDep,
    hasher: HasherDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> TokenResponse:
    """OAuth2 password grant: username (the email) and password in, a token pair out.

    Starts a new session (token family). A wrong password, an unknown or a disabled
    account: 400 invalid_grant, one answer for all three.
    """
    user = service.authenticate(db, hasher, form.username, form.password)
    if user is None:
        raise OAuth2Error("invalid_grant", "Incorrect username or password")
    return token_response(refresh_tokens.start_session(db, settings, user, clock()), response)


@router.post("/token/refresh", response_model=TokenResponse, responses=GRANT_ERROR, tags=["auth"])
def refresh(
    body: RefreshRequest, response: Response, db: SessionDep, settings: SettingsDep, clock: ClockDep
) -> TokenResponse:
    """Spend a refresh token for a new pair; the old token is used up (rotation).

    Any refused token: 400 invalid_grant. A token that was already used revokes its
    whole session first: the newest token of that session stops working too.
    """
    try:
        pair = refresh_tokens.rotate(db, settings, body.refresh_token, clock())
    except InvalidRefreshToken:
        raise OAuth2Error("invalid_grant", REFRESH_REFUSED) from None
    return token_response(pair, response)


@router.post("/token/revoke", response_class=Response, tags=["auth"])
def revoke(body: RefreshRequest, db: SessionDep, clock: ClockDep) -> Response:
    """Logout: end the session of this refresh token (any of its tokens will do).

    200 with an empty body whether or not the token was known (RFC 7009 2.2): the answer
    tells a guesser nothing. The session's access tokens stop working too.
    """
    refresh_tokens.revoke(db, body.refresh_token, clock())
    return Response(status_code=status.HTTP_200_OK)


@router.get("/users/me", response_model=UserRead, responses=NEEDS_TOKEN, tags=["users"])
def read_me(user: CurrentUser) -> User:
    """The user the access token belongs to."""
    return user


@router.delete(
    "/users/me/sessions",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NEEDS_TOKEN,
    tags=["users"],
)
def logout_everywhere(user: CurrentUser, db: SessionDep, clock: ClockDep) -> None:
    """End every session of the current user, this one included (a lost phone)."""
    refresh_tokens.revoke_all(db, user.id, "logout", clock())
