"""The error answers each operation documents, all with the one ErrorBody shape."""

from typing import Any

from app.schemas.common import ErrorBody

DESCRIPTIONS = {
    400: "The body is not valid JSON.",
    401: "No API token, or one that names nobody.",
    403: "The caller's role does not allow this.",
    404: "Something named in the request does not exist.",
    409: "The request conflicts with the current state.",
    413: "The body is larger than the limit.",
    422: "The request is not valid (the `errors` list says where and why).",
    503: "The database is busy or unreachable; retry after `Retry-After` seconds.",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI responses for these statuses plus 422 and 503, which any operation may answer."""
    return {
        code: {"model": ErrorBody, "description": DESCRIPTIONS[code]}
        for code in sorted({422, 503, *codes})
    }


BODY = (400, 413)
"""What any operation with a request body may answer."""
AUTH = (401,)
ADMIN = (401, 403)
