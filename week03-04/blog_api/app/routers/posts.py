"""/posts: write, read, list (filter, search, sort, paginate), update and delete posts, and
the comments under a post."""

from typing import Annotated

from fastapi import APIRouter, Query, Response, status
from pydantic import MISSING, BeforeValidator

from app.crud import comment as comment_crud
from app.crud import post as post_crud
from app.crud import user as user_crud
from app.crud.comment import CommentRow
from app.crud.pagination import PageResult
from app.crud.post import PostRow
from app.dependencies import CurrentPost, LockedPost, PageDep, SessionDep
from app.models import Comment, Post
from app.routers import JsonBodyRoute
from app.schemas.comment import CommentCreate, CommentRead
from app.schemas.common import MAX_ID, Page, SearchText, decimal_digits
from app.schemas.post import PostCreate, PostRead, PostSort, PostUpdate, SortOrder

router = APIRouter(prefix="/posts", tags=["posts"], route_class=JsonBodyRoute)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PostRead,
    summary="Write a post",
    response_description="The new post with its author.",
)
async def create_post(post_in: PostCreate, db: SessionDep) -> Post:
    """Publish a post for an existing user; an unknown `author_id` is a 422."""
    author = await user_crud.get_author(db, post_in.author_id)
    post = Post(author=author, title=post_in.title, body=post_in.body)
    await post_crud.save(db, post)
    return post


@router.get(
    "",
    response_model=Page[PostRead],
    summary="List, filter, search and sort posts",
    response_description="One page of posts with the total and the next cursor.",
)
async def list_posts(
    db: SessionDep,
    page: PageDep,
    sort: Annotated[PostSort, Query(description="Sort column; ties go by id.")] = (
        PostSort.CREATED_AT
    ),
    order: Annotated[SortOrder, Query(description="Sort direction.")] = SortOrder.DESC,
    author_id: Annotated[
        int | None,
        Query(ge=1, le=MAX_ID, description="Only posts by this user."),
        BeforeValidator(decimal_digits),
    ] = None,
    q: Annotated[
        SearchText | None,
        Query(description="Case-insensitive text searched in title and body."),
    ] = None,
) -> PageResult[PostRow]:
    """List posts, newest first by default. Offset pages (`skip`) carry `total`; pass
    `next_cursor` back as `cursor` for keyset pages that stay fast however deep."""
    return await post_crud.list_page(db, page, sort=sort, order=order, author_id=author_id, q=q)


@router.get(
    "/{post_id}",
    response_model=PostRead,
    summary="Get a post",
    response_description="The post with its author.",
)
async def get_post(post: CurrentPost) -> PostRow:
    """Return one post by id."""
    return post


@router.patch(
    "/{post_id}",
    response_model=PostRead,
    summary="Edit a post",
    response_description="The post after the change.",
)
async def update_post(post: LockedPost, changes: PostUpdate, db: SessionDep) -> Post:
    """Change the title and/or body; `updated_at` is stamped."""
    if changes.title is not MISSING:
        post.title = changes.title
    if changes.body is not MISSING:
        post.body = changes.body
    await post_crud.save(db, post)
    return post


@router.delete(
    "/{post_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a post and its comments",
    response_description="Deleted; no body.",
)
async def delete_post(post: LockedPost, db: SessionDep) -> Response:
    """Delete a post; its comments go with it (ON DELETE CASCADE)."""
    await post_crud.delete(db, post)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{post_id}/comments",
    response_model=Page[CommentRead],
    summary="List a post's comments",
    response_description="One page of comments, oldest first.",
)
async def list_post_comments(
    post: CurrentPost, db: SessionDep, page: PageDep
) -> PageResult[CommentRow]:
    """The discussion under a post, oldest first; 404 if the post does not exist."""
    return await comment_crud.list_page(db, post.id, page)


@router.post(
    "/{post_id}/comments",
    status_code=status.HTTP_201_CREATED,
    response_model=CommentRead,
    summary="Comment on a post",
    response_description="The new comment with its author.",
)
async def create_comment(post: CurrentPost, comment_in: CommentCreate, db: SessionDep) -> Comment:
    """Add a comment to a post; 404 if the post does not exist, 422 for an unknown author."""
    author = await user_crud.get_author(db, comment_in.author_id)
    comment = Comment(post_id=post.id, author=author, body=comment_in.body)
    await comment_crud.save(db, comment)
    return comment
