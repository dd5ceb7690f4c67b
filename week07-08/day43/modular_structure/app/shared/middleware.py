"""Middleware for every route: a request id to find one request in the logs."""

from __future__ import annotations

import re
import uuid
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

REQUEST_ID_HEADER = "X-Request-ID"
# A caller's id is echoed only if it is short and plain: a header is no place for markup.
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


async def add_request_id(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Answer with X-Request-ID: the caller's own if it is valid, else a new uuid4 hex."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    request_id = given if _VALID_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    request.state.request_id = request_id
    response = await call_next(request)
    response.headers[REQUEST_ID_HEADER] = request_id
    return response
