"""Comment request and response models."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from app.schemas.common import AuthorSummary, CommentBody, Id, StrictModel


class CommentCreate(StrictModel):
    """A new comment on the post named in the URL."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"author_id": 2, "body": "Lovely analogy with the loom."}]}
    )

    author_id: Id = Field(description="Id of the user who writes the comment.")
    body: CommentBody = Field(description="1-2,000 characters, trimmed.")


class CommentUpdate(StrictModel):
    """New text for a comment (the only field a comment's author can change)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"body": "Edited: lovely analogy."}]})

    body: CommentBody = Field(description="1-2,000 characters, trimmed.")


class CommentRead(BaseModel):
    """A comment with its post id and its author's id and username."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 3,
                    "post_id": 7,
                    "body": "Lovely analogy with the loom.",
                    "author": {"id": 2, "username": "charles"},
                    "created_at": "2026-01-05T11:00:00Z",
                    "updated_at": None,
                }
            ]
        },
    )

    id: int
    post_id: int
    body: str
    author: AuthorSummary
    created_at: datetime
    updated_at: datetime | None
