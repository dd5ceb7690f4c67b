"""/comments/{id}: read, edit and delete one comment (create and list live under /posts)."""

from fastapi import APIRouter, Response, status

from app.crud import comment as comment_crud
from app.crud.comment import CommentRow
from app.dependencies import CurrentComment, LockedComment, SessionDep
from app.models import Comment
from app.routers import JsonBodyRoute
from app.schemas.comment import CommentRead, CommentUpdate

router = APIRouter(prefix="/comments", tags=["comments"], route_class=JsonBodyRoute)


@router.get(
    "/{comment_id}",
    response_model=CommentRead,
    summary="Get a comment",
    response_description="The comment with its author.",
)
async def get_comment(comment: CurrentComment) -> CommentRow:
    """Return one comment by id."""
    return comment


@router.patch(
    "/{comment_id}",
    response_model=CommentRead,
    summary="Edit a comment",
    response_description="The comment after the change.",
)
async def update_comment(comment: LockedComment, changes: CommentUpdate, db: SessionDep) -> Comment:
    """Replace the comment's text; `updated_at` is stamped."""
    comment.body = changes.body
    await comment_crud.save(db, comment)
    return comment


@router.delete(
    "/{comment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a comment",
    response_description="Deleted; no body.",
)
async def delete_comment(comment: LockedComment, db: SessionDep) -> Response:
    """Delete one comment."""
    await comment_crud.delete(db, comment)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
