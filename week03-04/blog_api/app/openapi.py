"""The OpenAPI document behind /docs: the API's description, its tags, and the error answers
that every operation of a kind can give, documented with the ErrorMessage model."""

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.schemas.common import ErrorMessage

DESCRIPTION = """
A blog backend: **users** write **posts**, users **comment** on posts.

* Lists are paginated: `limit` (1-100) with `skip`, or keyset pagination with `cursor`
  (pass back the `next_cursor` of the previous page). Every list answers
  `{items, total, limit, skip, next_cursor}`.
* Errors: `404` unknown id in the path, `409` username or email taken, `422` invalid
  input (same `{"detail": [...]}` shape as FastAPI's validation errors), unknown body
  fields included.
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


def error_response(description: str) -> dict[str, Any]:
    """One documented error answer: its description and a JSON body that is an ErrorMessage."""
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": ERROR_MESSAGE_REF}}},
    }


def add_error_responses(document: dict[str, Any]) -> dict[str, Any]:
    """Document, with the ErrorMessage model, the errors an operation gives by its shape:
    404 (NOT_FOUND) when its path has a parameter such as `{post_id}`, 400 (BAD_BODY) when
    it takes a request body. Adds the ErrorMessage schema to the components if missing;
    responses an operation already documents are left as they are. Returns `document`."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("ErrorMessage", ErrorMessage.model_json_schema())
    for path, item in document["paths"].items():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            if "{" in path:
                responses.setdefault("404", error_response(NOT_FOUND))
            if "requestBody" in operation:
                responses.setdefault("400", error_response(BAD_BODY))
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
