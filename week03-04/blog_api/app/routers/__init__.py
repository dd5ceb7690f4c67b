"""HTTP routes, one module per resource, all built on JsonBodyRoute.

The errors an operation can give by its shape (404 for an id in the path; 400, 413 and 415
for a body; 422; 503) are documented by app.openapi; a status that only some routes answer
(409) is declared on those routes.
"""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response, status
from fastapi.routing import APIRoute

from app.schemas.common import ErrorMessage

CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorMessage, "description": "Username or email already in use."}
}


def is_json(content_type: str | None) -> bool:
    """Whether a Content-Type header names JSON (`application/json`, `application/*+json`)."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    return media_type == "application/json" or (
        media_type.startswith("application/") and media_type.endswith("+json")
    )


class JsonBodyRoute(APIRoute):
    """A route whose operation takes a body accepts only JSON: a body of another media type
    is a 415 before anything parses it (FastAPI would try it as a model and answer 422)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's handler, behind a Content-Type check when the operation has a body."""
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def json_only(request: Request) -> Response:
            """Refuse a non-empty body that is not declared as JSON."""
            has_body = request.headers.get("content-length", "0") != "0" or (
                "transfer-encoding" in request.headers
            )
            if has_body and not is_json(request.headers.get("content-type")):
                raise HTTPException(
                    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                    "The body must be JSON (Content-Type: application/json)",
                )
            return await handler(request)

        return json_only
