"""The OAuth2 password flow's protocol: the Bearer scheme and the token endpoint's errors.

RFC 6749 section 5.2: the token endpoint answers a bad request with 400 and a JSON body
{"error": <code>, "error_description": <text>}, never with FastAPI's 422, so any OAuth2
client (Swagger UI's Authorize dialog, a mobile app, an API gateway) understands it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from typing import Any, Literal

from fastapi import Request, Response, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import OAuth2PasswordBearer

# Relative, like the tokenUrl of FastAPI's tutorial: Swagger UI resolves it against the URL
# of /openapi.json, so the Authorize button still works behind a path prefix.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")

# RFC 6749 5.1: a response that holds a token must not be cached, by the browser or a proxy.
# Errors get it too: nothing of a login exchange belongs in a cache.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}

OAuth2ErrorCode = Literal[
    "invalid_request",
    "invalid_client",
    "invalid_grant",
    "unauthorized_client",
    "unsupported_grant_type",
    "invalid_scope",
]
# RFC 6749 5.2: error_description is printable ASCII, without '"' and '\'.
DESCRIPTION = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e]*")


class OAuth2Error(Exception):
    """An error of the token endpoint: answered 400 {"error", "error_description"}."""

    def __init__(
        self, error: OAuth2ErrorCode, description: str
    ) -> None:  # pragma: no mutate block (given)
        if not DESCRIPTION.fullmatch(description):
            raise ValueError("error_description: printable ASCII, no quotes or backslashes")
        super().__init__(description)
        self.error = error
        self.description = description


async def oauth2_error_handler(request: Request, error: Exception) -> JSONResponse:
    """400 {"error": code, "error_description": text} with Cache-Control: no-store."""
    assert isinstance(error, OAuth2Error)
    return JSONResponse(
        status_code=status.HTTP_400_BAD_REQUEST,
        content={"error": error.error, "error_description": error.description},
        headers=NO_STORE,
    )


def error_from_validation(error: RequestValidationError) -> OAuth2Error:
    """The OAuth2 error for a token request that FastAPI could not validate.

    A grant_type that is present but not "password": unsupported_grant_type. Anything else
    (a parameter missing or empty, a JSON body instead of a form): invalid_request, whose
    description names the missing parameters ("missing parameter: password").
    """
    problems = error.errors()
    if any(
        tuple(problem["loc"]) == ("body", "grant_type") and problem["type"] != "missing"
        for problem in problems
    ):
        return OAuth2Error("unsupported_grant_type", "grant_type must be password")
    missing = [
        str(problem["loc"][-1])
        for problem in problems
        if problem["type"] == "missing" and tuple(problem["loc"])[:1] == ("body",)
    ]
    if missing:
        return OAuth2Error("invalid_request", f"missing parameter: {', '.join(missing)}")
    return OAuth2Error("invalid_request", "the request is not a valid token request")


async def reject_repeated_parameters(request: Request) -> None:
    """Dependency of the token endpoint: invalid_request if a parameter is sent twice.

    RFC 6749 3.2: parameters must not be included more than once. FastAPI would silently
    keep the last value, so `username=ada&username=bob` would log in as whoever comes last.
    FastAPI has already parsed the form when dependencies run: this reads its cached copy.
    """
    form = await request.form()
    repeated = sorted({key for key in form if len(form.getlist(key)) > 1})
    if repeated:
        raise OAuth2Error("invalid_request", f"repeated parameter: {', '.join(repeated)}")


class OAuth2TokenRoute(APIRoute):
    """A route whose invalid requests get RFC 6749's 400 instead of FastAPI's 422."""

    def get_route_handler(
        self,
    ) -> Callable[[Request], Coroutine[Any, Any, Response]]:  # pragma: no mutate block (given)
        """FastAPI's handler, with its RequestValidationError turned into an OAuth2Error."""
        handler = super().get_route_handler()

        async def token_endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as error:
                raise error_from_validation(error) from None

        return token_endpoint
