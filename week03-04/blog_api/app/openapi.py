"""The OpenAPI document behind /docs: the API's description, its tags, and the error answers
that every operation of a kind can give, all documented with the one ErrorMessage model."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.schemas.common import ErrorMessage, FieldError

DESCRIPTION = """
A blog backend: **users** write **posts**, users **comment** on posts.

* Lists are paginated: `limit` (1-100) with `skip`, or keyset pagination with `cursor`
  (pass back the `next_cursor` of the previous page). Every list answers
  `{items, total, limit, skip, next_cursor}`.
* Every error answers one shape, `{"detail": "...", "errors": [...]}`: `400` body not
  JSON, `404` unknown id in the path, `409` username or email taken, `413` body over
  256 KiB, `415` body not `application/json`, `422` invalid input (`errors` names each
  field, never echoing its value), `503` database busy or unreachable (with `Retry-After`).
* Deleting a user deletes their posts and comments; deleting a post deletes its comments.
"""

TAGS = [
    {"name": "users", "description": "Accounts; passwords are stored as bcrypt hashes only."},
    {"name": "posts", "description": "Posts, their search and pagination, their comments."},
    {"name": "comments", "description": "Reading, editing and deleting single comments."},
]

ERROR_MESSAGE_REF = "#/components/schemas/ErrorMessage"
NOT_FOUND = "The resource in the path does not exist."
BAD_BODY = "The body is not decodable JSON."
TOO_LARGE = "The body is larger than 256 KiB."
NOT_JSON = "The body is not declared as application/json."
INVALID = "Invalid input; `errors` names each field at fault."
UNAVAILABLE = "The database is busy or unreachable; retry after `Retry-After` seconds."


def error_response(description: str) -> dict[str, Any]:
    """One documented error answer: its description and a JSON body that is an ErrorMessage."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": ERROR_MESSAGE_REF}}},
    }


def add_error_responses(document: dict[str, Any]) -> dict[str, Any]:
    """Document, with the ErrorMessage model, the errors an operation gives by its shape.

    Every operation: 503 (UNAVAILABLE), and its 422 (INVALID) in place of FastAPI's
    HTTPValidationError. A path with a parameter such as `{post_id}`: 404 (NOT_FOUND). A
    request body: 400 (BAD_BODY), 413 (TOO_LARGE), 415 (NOT_JSON). Puts ErrorMessage and
    FieldError in the components and drops FastAPI's now unused validation schemas; other
    responses an operation documents are left as they are. Returns `document`.
    """
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    schemas["FieldError"] = FieldError.model_json_schema()
    error_schema = ErrorMessage.model_json_schema(ref_template="#/components/schemas/{model}")
    error_schema.pop("$defs", None)
    schemas["ErrorMessage"] = error_schema
    for path, item in document["paths"].items():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = error_response(INVALID)
            responses.setdefault("503", error_response(UNAVAILABLE))
            if "{" in path:
                responses.setdefault("404", error_response(NOT_FOUND))
            if "requestBody" in operation:
                responses.setdefault("400", error_response(BAD_BODY))
                responses.setdefault("413", error_response(TOO_LARGE))
                responses.setdefault("415", error_response(NOT_JSON))
    return document


def build_openapi(app: FastAPI) -> dict[str, Any]:
    """The app's OpenAPI document, built on the first call and cached in `app.openapi_schema`.

    FastAPI's `get_openapi` with the app's title, version and summary, DESCRIPTION and TAGS,
    and the app's routes; then `add_error_responses`. Building it never touches the database.
    """
    if app.openapi_schema is None:
        document = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=DESCRIPTION,
            tags=TAGS,
            routes=app.routes,
        )
        app.openapi_schema = add_error_responses(document)
    return app.openapi_schema
