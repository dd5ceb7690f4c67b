"""HTTP for auth: registration, the OAuth2 token endpoint, logout, email verification."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response, status

from app.modules.auth import service
from app.modules.auth.dependencies import AuthDep, Public
from app.modules.auth.passwords import MAX_PASSWORD_LENGTH
from app.modules.auth.schemas import (
    AccountRead,
    RefreshTokenIn,
    RegisterIn,
    TokenResponse,
    VerifyEmailIn,
)
from app.shared.dependencies import UowDep
from app.shared.exceptions import OAuthError
from app.shared.responses import error_responses

router = APIRouter(tags=["auth"])

MAX_FIELD = 4_096
FormField = Annotated[str | None, Form()]
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}  # RFC 6749, 5.1


@router.post(
    "/auth/register",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Public],
    responses=error_responses(409, 422),
    summary="Register",
)
async def register(data: RegisterIn, uow: UowDep, auth: AuthDep) -> AccountRead:
    """Create a customer account. Its email is not verified yet: a mail carries the token."""
    return await service.register(uow, auth, data)


@router.post(
    "/token",
    dependencies=[Public],
    responses=error_responses(400, 429),
    summary="Get tokens (OAuth2 password and refresh_token grants)",
)
async def token(
    request: Request,
    response: Response,
    uow: UowDep,
    auth: AuthDep,
    grant_type: FormField = None,
    username: FormField = None,
    password: FormField = None,
    refresh_token: FormField = None,
    scope: FormField = None,
) -> TokenResponse:
    """The OAuth2 token endpoint (RFC 6749), form-encoded.

    - `grant_type=password` with `username` (the email) and `password`: a new session.
    - `grant_type=refresh_token` with `refresh_token`: the token is spent and a new pair
      answers; replaying a spent one revokes the whole session.

    Errors use RFC 6749's codes in `error`: `invalid_request`, `invalid_grant`,
    `unsupported_grant_type`. Repeated failures answer 429 with Retry-After.
    """
    response.headers.update(NO_STORE)
    fields = (grant_type, username, password, refresh_token, scope)
    if any(value is not None and len(value) > MAX_FIELD for value in fields):
        raise OAuthError("A field is too long", code="invalid_request")
    if grant_type == "password":
        if not username or password is None:
            raise OAuthError("username and password are required", code="invalid_request")
        if len(username) > 254 or len(password) > MAX_PASSWORD_LENGTH:
            raise OAuthError(service.BAD_CREDENTIALS, code="invalid_grant")
        client = request.client.host if request.client else "unknown"
        return await service.login(uow, auth, username, password, client)
    if grant_type == "refresh_token":
        if not refresh_token:
            raise OAuthError("refresh_token is required", code="invalid_request")
        return await service.refresh(uow, auth, refresh_token)
    if grant_type is None:
        raise OAuthError("grant_type is required", code="invalid_request")
    raise OAuthError("Use grant_type password or refresh_token", code="unsupported_grant_type")


@router.post(
    "/auth/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Public],
    responses=error_responses(422),
    summary="Log out",
)
async def logout(data: RefreshTokenIn, uow: UowDep, auth: AuthDep) -> None:
    """End the session of this refresh token: its access and refresh tokens stop working."""
    await service.logout(uow, auth, data.refresh_token)


@router.post(
    "/auth/verify-email",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Public],
    responses=error_responses(422),
    summary="Verify an email address",
)
async def verify_email(data: VerifyEmailIn, uow: UowDep, auth: AuthDep) -> None:
    """Mark the account's email as verified, with the token from the verification mail."""
    await service.verify_email(uow, auth, data.token)
