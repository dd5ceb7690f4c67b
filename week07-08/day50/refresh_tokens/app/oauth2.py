"""The token endpoints' errors, as RFC 6749 5.2 words them: 400 {"error", "error_description"}."""

from __future__ import annotations

from fastapi import Request, status
from fastapi.responses import JSONResponse

# RFC 6749 5.1: a response that holds a token must not be cached, by a browser or a proxy.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


class OAuth2Error(Exception):
    """An error of a token endpoint, e.g. invalid_grant for a bad password or refresh token."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


async def oauth2_error_handler(request: Request, error: Exception) -> JSONResponse:
    """400 {"error": code, "error_description": text}, not cached either."""
    assert isinstance(error, OAuth2Error)
    return JSONResponse(
        status_code=status.HTTP_400_BAD_REQUEST,
        content={"error": error.error, "error_description": error.description},
        headers=NO_STORE,
    )
