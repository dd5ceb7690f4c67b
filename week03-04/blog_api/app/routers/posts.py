"""/posts: write, read, list (filter, search, sort, paginate), update and delete posts."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response, status
from pydantic import TypeAdapter

from app.crud import comment as comment_crud
from app.crud import post as post_crud
from app.crud.pagination import PageData
from app.dependencies import DatabaseDep, PageDep, PostId
from app.reads import Reader, get_reader, json_response
from app.schemas.comment import CommentCreate, CommentRead
from app.schemas.common import MAX_ID, Page, SearchText
from app.schemas.post import PostCreate, PostRead, PostSort, PostUpdate, SortOrder

router = APIRouter(prefix="/posts", tags=["posts"])

# The two hot reads build their JSON with these (see reads.json_response); built once.
_POST_JSON = TypeAdapter(PostRead)
_PAGE_JSON = TypeAdapter(Page[PostRead])
ReaderDep = Annotated[Reader, Depends(get_reader)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PostRead,
    summary="Write a post",
    response_description="The new post with its author.",
)
async def create_post(post_in: PostCreate, db: DatabaseDep) -> dict[str, Any]:
    """Publish a post for an existing user; an unknown `author_id` is a 422."""
    return await db.run(post_crud.create_post, post_in)


@router.get(
    "",
    response_model=Page[PostRead],
    summary="List, filter, search and sort posts",
    response_description="One page of posts with the total and the next cursor.",
)
async def list_posts(
    reader: ReaderDep,
    page: PageDep,
    sort: Annotated[PostSort, Query(description="Sort column; ties go by id.")] = (
        PostSort.CREATED_AT
    ),
    order: Annotated[SortOrder, Query(description="Sort direction.")] = SortOrder.DESC,
    author_id: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="Only posts by this user.")
    ] = None,
    q: Annotated[
        SearchText | None,
        Query(description="Case-insensitive text searched in title and body."),
    ] = None,
) -> Response:
    """List posts, newest first by default. Offset pages (`skip`) carry `total`; pass
    `next_cursor` back as `cursor` for keyset pages that stay fast however deep."""
    data = await reader.run(
        post_crud.list_posts, page, sort=sort, order=order, author_id=author_id, q=q
    )
    return json_response(_PAGE_JSON, data)


@router.get(
    "/{post_id}",
    response_model=PostRead,
    summary="Get a post",
    response_description="The post with its author.",
)
async def get_post(post_id: PostId, reader: ReaderDep) -> Response:
    """Return one post by id."""
    return json_response(_POST_JSON, await reader.run(post_crud.get_post, post_id))


@router.patch(
    "/{post_id}",
    response_model=PostRead,
    summary="Edit a post",
    response_description="The post after the change.",
)
async def update_post(post_id: PostId, changes: PostUpdate, db: DatabaseDep) -> dict[str, Any]:
    """Change the title and/or body; `updated_at` is stamped."""
    return await db.run(post_crud.update_post, post_id, changes)


@router.delete(
    "/{post_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a post and its comments",
    response_description="Deleted; no body.",
)
async def delete_post(post_id: PostId, db: DatabaseDep) -> Response:
    """Delete a post; its comments go with it (ON DELETE CASCADE)."""
    await db.run(post_crud.delete_post, post_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{post_id}/comments",
    response_model=Page[CommentRead],
    summary="List a post's comments",
    response_description="One page of comments, oldest first.",
)
async def list_post_comments(post_id: PostId, db: DatabaseDep, page: PageDep) -> PageData:
    """The discussion under a post, oldest first; 404 if the post does not exist."""
    return await db.run(comment_crud.list_comments, post_id, page)


@router.post(
    "/{post_id}/comments",
    status_code=status.HTTP_201_CREATED,
    response_model=CommentRead,
    summary="Comment on a post",
    response_description="The new comment with its author.",
)
async def create_comment(
    post_id: PostId, comment_in: CommentCreate, db: DatabaseDep
) -> dict[str, Any]:
    """Add a comment to a post; 404 if the post does not exist, 422 for an unknown author."""
    return await db.run(comment_crud.create_comment, post_id, comment_in)
