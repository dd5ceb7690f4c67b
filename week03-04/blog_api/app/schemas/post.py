"""Post request and response models and the list query's sort options."""

from datetime import datetime
from enum import StrEnum

from pydantic import MISSING, BaseModel, ConfigDict, Field

from app.schemas.common import AuthorSummary, Id, PostBody, StrictModel, Title


class PostSort(StrEnum):
    """Columns a post list can be sorted by; ties are always broken by id."""

    CREATED_AT = "created_at"
    TITLE = "title"
    ID = "id"


class SortOrder(StrEnum):
    """Sort direction."""

    ASC = "asc"
    DESC = "desc"


class PostCreate(StrictModel):
    """A new post by an existing user."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "author_id": 1,
                    "title": "Notes on the Analytical Engine",
                    "body": "The engine weaves algebraic patterns as the loom weaves flowers.",
                }
            ]
        }
    )

    author_id: Id = Field(description="Id of the user who writes the post.")
    title: Title = Field(description="1-200 characters, trimmed.")
    body: PostBody = Field(description="1-20,000 characters, trimmed.")


class PostUpdate(StrictModel):
    """A partial update of a post's text; the author cannot change. A field may be left
    out, not set to null."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"title": "Notes, revised"}]})

    # MISSING: the client left the field out (null is refused as "not a valid string").

    title: Title | MISSING = Field(default=MISSING, description="A new title.")
    body: PostBody | MISSING = Field(default=MISSING, description="A new body.")


class PostRead(BaseModel):
    """A post with its author's id and username."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "title": "Notes on the Analytical Engine",
                    "body": "The engine weaves algebraic patterns as the loom weaves flowers.",
                    "author": {"id": 1, "username": "ada"},
                    "created_at": "2026-01-05T10:00:00Z",
                    "updated_at": None,
                }
            ]
        },
    )

    id: int
    title: str
    body: str
    author: AuthorSummary
    created_at: datetime
    updated_at: datetime | None
