"""Every error answer, in one place: domain errors, invalid requests, oversized bodies and
an unavailable database all answer an ErrorBody, never a traceback."""

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import errors
from app.schemas.common import ErrorBody, FieldError

DOMAIN_STATUS: Mapping[type[errors.DomainError], tuple[int, str]] = {
    errors.NotFound: (status.HTTP_404_NOT_FOUND, "not_found"),
    errors.Conflict: (status.HTTP_409_CONFLICT, "conflict"),
    errors.OutOfStock: (status.HTTP_409_CONFLICT, "out_of_stock"),
    errors.InvalidTransition: (status.HTTP_409_CONFLICT, "invalid_transition"),
    errors.RequestInProgress: (status.HTTP_409_CONFLICT, "request_in_progress"),
    errors.NotAuthenticated: (status.HTTP_401_UNAUTHORIZED, "not_authenticated"),
    errors.NotPermitted: (status.HTTP_403_FORBIDDEN, "forbidden"),
    errors.InvalidInput: (status.HTTP_422_UNPROCESSABLE_CONTENT, "invalid_input"),
    errors.IdempotencyKeyReused: (status.HTTP_422_UNPROCESSABLE_CONTENT, "idempotency_key_reused"),
}
"""Domain error -> (HTTP status, code). Subclasses not listed fall back to 400."""

RETRY_AFTER_SECONDS = "2"
# SQLSTATE classes that mean "try again": serialization failure and deadlock (40),
# too many connections or no memory (53), lock timeout (55P03), cancelled or shutting
# down (57), and connection trouble (08).
RETRYABLE_SQLSTATE_PREFIXES = ("40", "53", "55P03", "57", "08")

CODES_BY_STATUS = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    503: "database_unavailable",
}


def error_response(
    status_code: int,
    code: str,
    detail: str,
    errors_: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """An ErrorBody answer."""
    body = ErrorBody(code=code, detail=detail, errors=errors_ or [])
    return JSONResponse(body.model_dump(mode="json"), status_code=status_code, headers=headers)


async def domain_error(_: Request, error: Exception) -> JSONResponse:
    """A DomainError as its status; 401 also says how to authenticate."""
    status_code, code = next(
        (found for kind, found in DOMAIN_STATUS.items() if isinstance(error, kind)),
        (status.HTTP_400_BAD_REQUEST, "bad_request"),
    )
    fields = None
    if isinstance(error, errors.InvalidInput):
        fields = [FieldError(loc=["body", error.field], msg=str(error), type="value_error")]
    headers = {"WWW-Authenticate": "Bearer"} if status_code == 401 else None
    return error_response(status_code, code, str(error), fields, headers)


def _location(loc: Any) -> list[str | int]:
    return [part if isinstance(part, int) else str(part)[:100] for part in loc]


async def invalid_request(_: Request, error: Exception) -> JSONResponse:
    """422 listing where and why, never the input itself (it may be a secret or huge)."""
    assert isinstance(error, RequestValidationError)
    fields = [
        FieldError(loc=_location(e.get("loc", ())), msg=str(e.get("msg", ""))[:300], type=e["type"])
        for e in error.errors()[:50]
    ]
    if any(field.type == "json_invalid" for field in fields):
        return error_response(400, "bad_request", "The request body is not valid JSON", fields)
    return error_response(422, "validation_error", "The request is not valid", fields)


async def http_error(_: Request, error: Exception) -> JSONResponse:
    """Starlette's own errors (unknown route, wrong method, unparsable body) in our shape."""
    assert isinstance(error, HTTPException)
    code = CODES_BY_STATUS.get(error.status_code, "error")
    return error_response(error.status_code, code, str(error.detail)[:300], headers=error.headers)


def is_retryable(error: Exception) -> bool:
    """Whether a database error means "busy or unreachable, try again" (not a bug)."""
    if isinstance(error, OperationalError | InterfaceError | PoolTimeout | OSError | TimeoutError):
        return True
    if isinstance(error, DBAPIError):
        orig = error.orig
        sqlstate = getattr(orig, "sqlstate", None) or getattr(
            getattr(orig, "__cause__", None), "sqlstate", None
        )
        return isinstance(sqlstate, str) and sqlstate.startswith(RETRYABLE_SQLSTATE_PREFIXES)
    return False


async def database_unavailable(request: Request, error: Exception) -> JSONResponse:
    """503 with Retry-After for a busy or unreachable database; anything else is a bug."""
    if not is_retryable(error):
        raise error
    return error_response(
        503,
        "database_unavailable",
        "The database is busy or unreachable; try again shortly",
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


class BodySizeLimit:
    """413 for a request body over the app's max_body_bytes, read before the app sees it,
    whether or not the client announced a Content-Length."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Buffer the body up to the limit, then hand it on; past the limit answer 413."""
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        limit: int = scope["app"].state.max_body_bytes
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        too_large = not declared.isdigit() or int(declared) > limit
        chunks: list[bytes] = []
        size = 0
        more = not too_large
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                too_large = True
                break
            chunks.append(chunk)
            more = message.get("more_body", False)
        if too_large:
            detail = f"The request body is larger than {limit} bytes"
            await error_response(413, "body_too_large", detail)(scope, receive, send)
            return
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def register_error_handlers(app: FastAPI) -> None:
    """Install every handler above on the app."""
    app.add_exception_handler(errors.DomainError, domain_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    for kind in (DBAPIError, PoolTimeout, OSError, TimeoutError):
        app.add_exception_handler(kind, database_unavailable)
    app.add_middleware(BodySizeLimit)
