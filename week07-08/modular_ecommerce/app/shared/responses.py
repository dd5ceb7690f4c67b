"""Every error answer, in one place and one shape: {"error", "detail", "errors"}.

`error` is a stable code (`not_found`, `invalid_token`...; at the token endpoint the
names RFC 6749 gives: `invalid_grant`, `invalid_request`); `detail` is one sentence for
people; `errors` lists the invalid fields. No answer echoes the input: a refused value
may be a password or megabytes long.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.shared import exceptions as domain

RETRY_AFTER_SECONDS = "2"
# SQLSTATE classes meaning "try again": serialization failure and deadlock (40), too many
# connections (53), lock timeout (55P03), shutting down (57), connection trouble (08).
RETRYABLE_SQLSTATES = ("40", "53", "55P03", "57", "08")

DOMAIN_STATUS: Mapping[type[domain.DomainError], int] = {
    domain.NotFound: status.HTTP_404_NOT_FOUND,
    domain.Conflict: status.HTTP_409_CONFLICT,
    domain.InvalidInput: status.HTTP_422_UNPROCESSABLE_CONTENT,
    domain.NotAuthenticated: status.HTTP_401_UNAUTHORIZED,
    domain.PermissionDenied: status.HTTP_403_FORBIDDEN,
    domain.OAuthError: status.HTTP_400_BAD_REQUEST,
    domain.TooManyRequests: status.HTTP_429_TOO_MANY_REQUESTS,
}
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
    429: "too_many_requests",
    503: "database_unavailable",
}
DESCRIPTIONS = {
    400: "Malformed request, or a token request refused (RFC 6749 error code)",
    401: "Missing, invalid, expired or revoked access token",
    403: "Authenticated, but the role lacks the permission",
    404: "No such resource, or not yours to see",
    409: "Conflicts with the stored state",
    413: "Request body too large",
    422: "Invalid input",
    429: "Too many attempts; see Retry-After",
    503: "Database busy or unreachable; see Retry-After",
}


class FieldError(BaseModel):
    """One invalid part of the request."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorBody(BaseModel):
    """The body of every error answer."""

    error: str
    detail: str
    errors: list[FieldError] = []


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for the given error statuses, each with the ErrorBody schema."""
    return {code: {"model": ErrorBody, "description": DESCRIPTIONS[code]} for code in statuses}


def error_response(
    status_code: int,
    error: str,
    detail: str,
    fields: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """An ErrorBody answer."""
    body = ErrorBody(error=error, detail=detail, errors=fields or [])
    return JSONResponse(body.model_dump(mode="json"), status_code=status_code, headers=headers)


async def domain_error(_: Request, error: Exception) -> JSONResponse:
    """A DomainError as its family's status; 401 says how to authenticate, 429 when to retry."""
    assert isinstance(error, domain.DomainError)
    status_code = next(
        (code for kind, code in DOMAIN_STATUS.items() if isinstance(error, kind)),
        status.HTTP_400_BAD_REQUEST,
    )
    headers: dict[str, str] = {}
    if isinstance(error, domain.NotAuthenticated):
        headers["WWW-Authenticate"] = "Bearer"
    if isinstance(error, domain.TooManyRequests):
        headers["Retry-After"] = str(error.retry_after)
    fields = None
    if isinstance(error, domain.InvalidInput):
        fields = [FieldError(loc=["body", error.field], msg=str(error), type="value_error")]
    return error_response(status_code, error.code, str(error), fields, headers)


def _location(loc: Any) -> list[str | int]:
    return [part if isinstance(part, int) else str(part)[:100] for part in loc][:10]


async def invalid_request(_: Request, error: Exception) -> JSONResponse:
    """422 listing where and why, never the input itself; broken JSON is a 400."""
    assert isinstance(error, RequestValidationError)
    fields = [
        FieldError(loc=_location(e.get("loc", ())), msg=str(e.get("msg", ""))[:300], type=e["type"])
        for e in error.errors()[:50]
    ]
    if any(field.type == "json_invalid" for field in fields):
        return error_response(400, "bad_request", "The request body is not valid JSON", fields)
    return error_response(422, "validation_error", "The request is not valid", fields)


async def http_error(_: Request, error: Exception) -> JSONResponse:
    """Starlette's own errors (unknown route, wrong method) in the same shape."""
    assert isinstance(error, HTTPException)
    code = CODES_BY_STATUS.get(error.status_code, "error")
    return error_response(error.status_code, code, str(error.detail)[:300], headers=error.headers)


def _sqlstate(error: DBAPIError) -> str:
    orig = error.orig
    sqlstate = getattr(orig, "sqlstate", None) or getattr(
        getattr(orig, "__cause__", None), "sqlstate", None
    )
    return sqlstate if isinstance(sqlstate, str) else ""


def is_retryable(error: BaseException) -> bool:
    """Whether a database error means "busy or unreachable, try again" (not a bug)."""
    if isinstance(error, OperationalError | InterfaceError | PoolTimeout | OSError | TimeoutError):
        return True
    if isinstance(error, DBAPIError):
        return _sqlstate(error).startswith(RETRYABLE_SQLSTATES)
    return False


async def database_unavailable(_: Request, error: Exception) -> JSONResponse:
    """503 with Retry-After for a busy or unreachable database; 422 for a value PostgreSQL
    cannot store (SQLSTATE class 22, e.g. a NUL character in text); any other error goes on."""
    if isinstance(error, DBAPIError) and _sqlstate(error).startswith("22"):
        return error_response(
            422, "validation_error", "A value cannot be stored: out of range, or a bad character"
        )
    if not is_retryable(error):
        raise error
    return error_response(
        503,
        "database_unavailable",
        "The database is busy or unreachable; try again shortly",
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


async def internal_error(_: Request, error: Exception) -> JSONResponse:
    """A bug: logged with its traceback by the server, answered in the same shape, no details."""
    return error_response(500, "internal_error", "Something went wrong on our side")


class BodySizeLimit:
    """413 for a request body over `limit` bytes, counted as it arrives, whether or not the
    client announced a Content-Length (chunked bodies included)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Buffer the body up to the limit and hand it on; past the limit answer 413."""
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"0")
        too_large = not declared.isdigit() or int(declared) > self.limit
        chunks: list[bytes] = []
        size = 0
        more = not too_large
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                too_large = True
                break
            chunks.append(chunk)
            more = message.get("more_body", False)
        if too_large:
            detail = f"The request body is larger than {self.limit} bytes"
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


ERROR_BODY_REF = {"$ref": "#/components/schemas/ErrorBody"}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Make the document tell the truth about errors: every 4xx/5xx answers an ErrorBody
    (FastAPI's default 422 schema is not what this API sends); an operation with a body
    may answer 400 (broken JSON) and 413; any that reads the database may answer 503."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(
        ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}").pop("$defs", {})
    )
    components["ErrorBody"] = ErrorBody.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            if "requestBody" in operation:
                for code in (400, 413, 422):
                    responses.setdefault(str(code), {"description": DESCRIPTIONS[code]})
            if operation.get("x-database", True):
                responses.setdefault("503", {"description": DESCRIPTIONS[503]})
            for code, response in responses.items():
                if code[0] in "45":
                    response["content"] = {"application/json": {"schema": ERROR_BODY_REF}}
            operation["responses"] = dict(sorted(responses.items()))
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema


def install_error_handlers(app: FastAPI, max_body_bytes: int) -> None:
    """Install every handler above, and the body size limit, on `app`; document them."""
    app.add_exception_handler(domain.DomainError, domain_error)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(HTTPException, http_error)
    for kind in (DBAPIError, PoolTimeout, OSError, TimeoutError):
        app.add_exception_handler(kind, database_unavailable)
    app.add_exception_handler(Exception, internal_error)
    app.add_middleware(BodySizeLimit, limit=max_body_bytes)
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        return document_errors(generate())

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented override
