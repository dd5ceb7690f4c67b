"""HTTP routes, one module per resource.

404 (an id in the path) and 400 (a body) are documented for every operation of that shape by
app.openapi; a status that only some routes answer is declared on those routes.
"""

from typing import Any

from app.schemas.common import ErrorMessage

CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorMessage, "description": "Username or email already in use."}
}
