"""Every error answer, in one place and one shape: `{"detail": str, "errors": [...]}`
(schemas.common.ErrorMessage) for 400, 404, 405, 409, 413, 415, 422, 500 and 503 alike.

Nothing a client sent is echoed back except field names, clipped: an error body stays
small whatever the input, never repeats a password, and renders whatever the input held
(NaN, lone surrogates)."""

import json
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from fastapi import FastAPI, HTTPException, Request, Response, status
from fastapi.exceptions import RequestValidationError
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import (
    CursorWithSkip,
    DomainError,
    EmailTaken,
    InvalidCursor,
    NotFound,
    UnknownAuthor,
    UsernameTaken,
)

MAX_FIELD_ERRORS = 20
MAX_NAME = 64
MAX_MESSAGE = 200
RETRY_AFTER_SECONDS = 2
# SQLSTATE classes that mean "try again": 08 connection lost, 40 deadlock or serialization
# failure, 53 out of resources, 57 cancelled (statement timeout) or server shutting down.
TRANSIENT_SQLSTATE_CLASSES = ("08", "40", "53", "57")

# What each domain error is in HTTP: its status and, for a 422, the request field at fault.
DOMAIN_ERRORS: dict[type[DomainError], tuple[int, tuple[str, str] | None]] = {
    NotFound: (status.HTTP_404_NOT_FOUND, None),
    UsernameTaken: (status.HTTP_409_CONFLICT, None),
    EmailTaken: (status.HTTP_409_CONFLICT, None),
    UnknownAuthor: (status.HTTP_422_UNPROCESSABLE_CONTENT, ("body", "author_id")),
    InvalidCursor: (status.HTTP_422_UNPROCESSABLE_CONTENT, ("query", "cursor")),
    CursorWithSkip: (status.HTTP_422_UNPROCESSABLE_CONTENT, ("query", "skip")),
}


class FieldErrorBody(TypedDict):
    """One entry of `errors` (schemas.common.FieldError)."""

    loc: list[str]
    msg: str
    type: str


def _clip(text: str, limit: int) -> str:
    """`text`, cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_response(
    status_code: int,
    detail: str,
    errors: Sequence[FieldErrorBody] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The JSON error answer. ASCII-escaped, so a clipped field name holding a lone
    surrogate still renders."""
    body = {"detail": detail, "errors": list(errors)}
    content = json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return Response(content, status_code, headers, media_type="application/json")


def invalid_input(errors: Sequence[FieldErrorBody], total: int | None = None) -> Response:
    """422 naming the fields at fault; `detail` sums up the first one."""
    first = errors[0]
    detail = f"Invalid {'.'.join(first['loc'])}: {first['msg']}"
    more = (total or len(errors)) - 1
    if more:
        detail += f" (and {more} more)"
    return error_response(status.HTTP_422_UNPROCESSABLE_CONTENT, detail, errors)


async def domain_error(_: Request, error: Exception) -> Response:
    """A domain error as DOMAIN_ERRORS says: 404, 409, or a 422 on the field it concerns."""
    status_code, location = next(
        DOMAIN_ERRORS[kind] for kind in type(error).__mro__ if kind in DOMAIN_ERRORS
    )
    if location is None:
        return error_response(status_code, str(error))
    return invalid_input([{"loc": list(location), "msg": str(error), "type": "value_error"}])


def _field_error(problem: dict[str, Any]) -> FieldErrorBody:
    """A pydantic error without its input: the source and field name only (no validator
    internals), the message and the type."""
    loc = [_clip(str(part), MAX_NAME) for part in problem["loc"][:2]]
    message = str(problem["msg"]).removeprefix("Value error, ")
    return {"loc": loc, "msg": _clip(message, MAX_MESSAGE), "type": str(problem["type"])}


async def request_validation_error(_: Request, error: Exception) -> Response:
    """400 for a body that is not JSON at all, else 422 with at most MAX_FIELD_ERRORS fields."""
    assert isinstance(error, RequestValidationError)
    problems = list(error.errors())
    for problem in problems:
        if problem["type"] == "json_invalid":
            reason = str(problem.get("ctx", {}).get("error", "cannot be decoded"))
            detail = f"The body is not valid JSON: {_clip(reason, MAX_MESSAGE)}"
            return error_response(status.HTTP_400_BAD_REQUEST, detail)
    fields = [_field_error(problem) for problem in problems[:MAX_FIELD_ERRORS]]
    return invalid_input(fields, total=len(problems))


async def http_error(_: Request, error: Exception) -> Response:
    """An HTTP error raised by FastAPI or Starlette (400 unparsable body, 404 unknown path,
    405, 413, 415) in the common shape, its headers (e.g. Allow) kept."""
    assert isinstance(error, StarletteHTTPException)
    return error_response(error.status_code, str(error.detail), headers=error.headers)


def _transient(error: DBAPIError) -> bool:
    """Whether a database error says "busy or unreachable" rather than "bug"."""
    sqlstate = str(getattr(error.orig, "sqlstate", None) or "")
    return error.connection_invalidated or sqlstate[:2] in TRANSIENT_SQLSTATE_CLASSES


async def database_unavailable(request: Request, error: Exception) -> Response:
    """503 with Retry-After when the database cannot answer now: the pool is exhausted, the
    server is unreachable or restarting, a statement ran past its timeout. Any other
    database error is a bug and goes on to the 500 handler."""
    if isinstance(error, DBAPIError) and not _transient(error):
        raise error
    return error_response(
        status.HTTP_503_SERVICE_UNAVAILABLE,
        "The database is busy or unreachable; retry shortly",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def internal_error(_: Request, error: Exception) -> Response:
    """500 in the common shape; the traceback goes to the server log, not to the client."""
    return error_response(status.HTTP_500_INTERNAL_SERVER_ERROR, "Internal server error")


def register_error_handlers(app: FastAPI) -> None:
    """Map every kind of error to its answer, in this one place."""
    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(RequestValidationError, request_validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    # The app's only I/O besides its clients is PostgreSQL: a refused or timed-out
    # connection (OSError), an exhausted pool, a dropped or cancelled statement.
    app.add_exception_handler(OSError, database_unavailable)
    app.add_exception_handler(PoolTimeoutError, database_unavailable)
    app.add_exception_handler(DBAPIError, database_unavailable)
    app.add_exception_handler(Exception, internal_error)


class LimitBodySize:
    """ASGI middleware: a request body over `max_bytes` is a 413, whether its Content-Length
    says so up front (answered without reading it) or it streams past the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with a byte-counting `receive`, or answer 413 at once."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        too_large = f"The body is larger than {self.max_bytes} bytes"
        for name, value in scope["headers"]:
            declared = name == b"content-length" and value.isdigit()
            if declared and (len(value) > 15 or int(value) > self.max_bytes):
                response = error_response(status.HTTP_413_CONTENT_TOO_LARGE, too_large)
                await response(scope, receive, send)
                return
        received = 0

        async def counting_receive() -> Message:
            """The next body chunk; HTTPException 413 (answered by http_error) past the limit."""
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, too_large)
            return message

        await self.app(scope, counting_receive, send)
