"""Posts: anyone reads them; writing, editing and deleting need a permission."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, status

from app import service
from app.access import Principal, public, require_permission
from app.dependencies import SessionDep
from app.models import Post
from app.schemas import PostCreate, PostRead, PostUpdate

router = APIRouter(prefix="/posts", tags=["posts"])

PostId = Annotated[int, Path(ge=1, le=2**31 - 1)]  # PostgreSQL's INTEGER: no 500 on 10**20
EDIT_ANY, EDIT_OWN = "edit:post", "edit:own_post"


def editable_post(
    principal: Annotated[Principal, Depends(require_permission(EDIT_ANY, EDIT_OWN))],
    post_id: PostId,
    db: SessionDep,
) -> Post:
    """The post, if the caller may edit it: edit:post for any post, edit:own_post for theirs.

    401/403 come first (from require_permission), then 404 for a missing post, then 403
    "You may edit only your own posts" for someone else's post without edit:post.
    """
    post = service.get_post(db, post_id)
    if EDIT_ANY not in principal.permissions and post.author_id != principal.user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="You may edit only your own posts")
    return post


@router.get("", response_model=list[PostRead], dependencies=[Depends(public)])
def list_posts(db: SessionDep) -> Sequence[Post]:
    """Every post, oldest first."""
    return service.list_posts(db)


@router.get("/{post_id}", response_model=PostRead, dependencies=[Depends(public)])
def read_post(post_id: PostId, db: SessionDep) -> Post:
    """One post; 404 if there is none."""
    return service.get_post(db, post_id)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PostRead)
def create_post(
    post_in: PostCreate,
    principal: Annotated[Principal, Depends(require_permission("create:post"))],
    db: SessionDep,
) -> Post:
    """A new post by the caller."""
    return service.create_post(db, principal.user, post_in.title, post_in.body)


@router.patch("/{post_id}", response_model=PostRead)
def update_post(
    post_in: PostUpdate, post: Annotated[Post, Depends(editable_post)], db: SessionDep
) -> Post:
    """Change a post's title or body (see editable_post for who may)."""
    return service.update_post(db, post, post_in.title, post_in.body)


@router.delete(
    "/{post_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[Depends(require_permission("delete:post"))],
)
def delete_post(post_id: PostId, db: SessionDep) -> None:
    """Delete any post (moderators and admins); 404 if there is none."""
    service.delete_post(db, service.get_post(db, post_id))
