"""HTTP routes, one module per resource."""

from typing import Any

from app.schemas.common import ErrorMessage

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorMessage, "description": "The resource in the path does not exist."}
}
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorMessage, "description": "Username or email already in use."}
}
BAD_BODY: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorMessage, "description": "The body is not decodable JSON."}
}
