"""The /posts and /tags routes; what each one reads or writes is decided in crud."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, status

from app import crud
from app.dependencies import SessionDep
from app.models import Post, Tag
from app.schemas import (
    MAX_ID,
    Page,
    PostCreate,
    PostRead,
    TagCreate,
    TagFilter,
    TagLink,
    TagRead,
)

posts = APIRouter(prefix="/posts", tags=["posts"])
tags = APIRouter(prefix="/tags", tags=["tags"])

Responses = dict[int | str, dict[str, Any]]
POST_OR_TAG_MISSING: Responses = {status.HTTP_404_NOT_FOUND: {"description": "No such post or tag"}}
TAG_MISSING: Responses = {status.HTTP_404_NOT_FOUND: {"description": "No tag with this id"}}
TAG_TAKEN: Responses = {status.HTTP_409_CONFLICT: {"description": "Tag name already taken"}}
PostId = Annotated[int, Path(ge=1, le=MAX_ID)]
TagId = Annotated[int, Path(ge=1, le=MAX_ID)]


@posts.post("", status_code=status.HTTP_201_CREATED, response_model=PostRead)
def create_post(post_in: PostCreate, db: SessionDep) -> Post:
    """Write a post (no tags yet)."""
    return crud.create_post(db, post_in)


@posts.get("", response_model=list[PostRead])
def list_posts(db: SessionDep, query: Annotated[TagFilter, Query()]) -> Sequence[Post]:
    """Posts by id with their tags; `?tags=a,b` keeps the posts that carry all of them."""
    return crud.list_posts(db, query.tags, limit=query.limit, offset=query.offset)


@posts.get("/{post_id}", response_model=PostRead, responses=POST_OR_TAG_MISSING)
def read_post(post_id: PostId, db: SessionDep) -> Post:
    """One post with its tags."""
    return crud.get_post(db, post_id)


@posts.post("/{post_id}/tags", response_model=PostRead, responses=POST_OR_TAG_MISSING)
def add_tag(post_id: PostId, link: TagLink, db: SessionDep) -> Post:
    """Put a tag on a post; adding it again changes nothing. The post with its tags."""
    return crud.add_tag_to_post(db, post_id, link.tag_id)


@posts.delete(
    "/{post_id}/tags/{tag_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=POST_OR_TAG_MISSING,
)
def remove_tag(post_id: PostId, tag_id: TagId, db: SessionDep) -> None:
    """Take a tag off a post (204 even if it was not on it)."""
    crud.remove_tag_from_post(db, post_id, tag_id)


@tags.post("", status_code=status.HTTP_201_CREATED, response_model=TagRead, responses=TAG_TAKEN)
def create_tag(tag_in: TagCreate, db: SessionDep) -> Tag:
    """Create a tag; its name is stored stripped and in lower case."""
    return crud.create_tag(db, tag_in)


@tags.get("", response_model=list[TagRead])
def list_tags(db: SessionDep) -> Sequence[Tag]:
    """Every tag, by name."""
    return crud.list_tags(db)


@tags.get("/{tag_id}/posts", response_model=list[PostRead], responses=TAG_MISSING)
def tag_posts(tag_id: TagId, db: SessionDep, page: Annotated[Page, Query()]) -> Sequence[Post]:
    """The posts carrying this tag, by id, each with all its tags."""
    return crud.posts_with_tag(db, tag_id, limit=page.limit, offset=page.offset)
