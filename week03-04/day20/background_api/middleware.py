"""Two HTTP middleware functions: an access log with timings, and an X-Process-Time header."""

import logging
import time
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

CallNext = Callable[[Request], Awaitable[Response]]
access_logger = logging.getLogger("background_api.access")
MS_PER_SECOND = 1000


async def log_requests(request: Request, call_next: CallNext) -> Response:
    """Log one line per request, once it has an answer: "<METHOD> <path> <status> <ms>ms".

    On the logger background_api.access at INFO, e.g. "POST /users 201 28.7ms".
    """
    start = time.perf_counter()
    response = await call_next(request)
    duration_ms = (time.perf_counter() - start) * MS_PER_SECOND
    # Background tasks run after this point: their time is not the client's wait.
    access_logger.info(
        "%s %s %d %.1fms", request.method, request.url.path, response.status_code, duration_ms
    )
    return response


async def add_process_time_header(request: Request, call_next: CallNext) -> Response:
    """Add the header X-Process-Time: the seconds spent on the request, e.g. "0.0281"."""
    start = time.perf_counter()
    response = await call_next(request)
    response.headers["X-Process-Time"] = f"{time.perf_counter() - start:.4f}"
    return response
