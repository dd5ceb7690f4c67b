"""/comments/{id}: read, edit and delete one comment (create and list live under /posts)."""

from typing import Any

from fastapi import APIRouter, Response, status

from app.crud import comment as comment_crud
from app.dependencies import CommentId, DatabaseDep
from app.schemas.comment import CommentRead, CommentUpdate

router = APIRouter(prefix="/comments", tags=["comments"])


@router.get(
    "/{comment_id}",
    response_model=CommentRead,
    summary="Get a comment",
    response_description="The comment with its author.",
)
async def get_comment(comment_id: CommentId, db: DatabaseDep) -> dict[str, Any]:
    """Return one comment by id."""
    return await db.run(comment_crud.get_comment, comment_id)


@router.patch(
    "/{comment_id}",
    response_model=CommentRead,
    summary="Edit a comment",
    response_description="The comment after the change.",
)
async def update_comment(
    comment_id: CommentId, changes: CommentUpdate, db: DatabaseDep
) -> dict[str, Any]:
    """Replace the comment's text; `updated_at` is stamped."""
    return await db.run(comment_crud.update_comment, comment_id, changes)


@router.delete(
    "/{comment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a comment",
    response_description="Deleted; no body.",
)
async def delete_comment(comment_id: CommentId, db: DatabaseDep) -> Response:
    """Delete one comment."""
    await db.run(comment_crud.delete_comment, comment_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
