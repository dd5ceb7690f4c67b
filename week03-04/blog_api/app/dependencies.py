"""Request dependencies: the session and its unit of work, load-or-404 lookups, the
password hasher, pagination and path parameters."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator
from sqlalchemy.ext.asyncio import AsyncSession

from app.crud import comment as comment_crud
from app.crud import post as post_crud
from app.crud import user as user_crud
from app.crud.comment import CommentRow
from app.crud.pagination import PageRequest
from app.crud.post import PostRow
from app.crud.user import UserRow
from app.database import Sessions
from app.errors import NotFound
from app.models import Comment, Post, User
from app.passwords import PasswordHasher
from app.schemas.common import MAX_ID, decimal_digits

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The request's one session, and the one place that owns its transaction.

    A GET only reads: an autocommit session, no transaction. Any other method gets one
    transaction (the request's unit of work), committed when the route returns and rolled
    back if it raises. The session closes, its connection back in the pool, before the
    response is sent. The sessions come from `app.state.sessions` (made by the lifespan;
    the tests swap in factories bound to their rolled-back transaction)."""
    sessions: Sessions = request.app.state.sessions
    if request.method in SAFE_METHODS:
        async with sessions.read() as session:
            yield session
    else:
        async with sessions.write() as session, session.begin():
            yield session


# scope="function": the commit runs before the response is sent, so a failed commit is
# what the client hears (by default FastAPI 0.118+ runs yield dependencies after sending).
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]

_ID = BeforeValidator(decimal_digits)
UserId = Annotated[int, Path(ge=1, le=MAX_ID, description="The user's id."), _ID]
PostId = Annotated[int, Path(ge=1, le=MAX_ID, description="The post's id."), _ID]
CommentId = Annotated[int, Path(ge=1, le=MAX_ID, description="The comment's id."), _ID]


async def load_user(user_id: UserId, db: SessionDep) -> UserRow:
    """The user named in the path, as a row, or NotFound."""
    user = await user_crud.read(db, user_id)
    if user is None:
        raise NotFound("User", user_id)
    return user


async def lock_user(user_id: UserId, db: SessionDep) -> User:
    """The user named in the path, as an entity row-locked until the commit, or NotFound."""
    user = await user_crud.lock(db, user_id)
    if user is None:
        raise NotFound("User", user_id)
    return user


async def load_post(post_id: PostId, db: SessionDep) -> PostRow:
    """The post named in the path, as a row with its author, or NotFound."""
    post = await post_crud.read(db, post_id)
    if post is None:
        raise NotFound("Post", post_id)
    return post


async def lock_post(post_id: PostId, db: SessionDep) -> Post:
    """The post named in the path, as an entity row-locked until the commit, or NotFound.

    The lock orders a PATCH and a DELETE of the same post: whichever comes second sees the
    first one's result (a post deleted meanwhile is a 404, never a stale-row error)."""
    post = await post_crud.lock(db, post_id)
    if post is None:
        raise NotFound("Post", post_id)
    return post


async def load_comment(comment_id: CommentId, db: SessionDep) -> CommentRow:
    """The comment named in the path, as a row with its author, or NotFound."""
    comment = await comment_crud.read(db, comment_id)
    if comment is None:
        raise NotFound("Comment", comment_id)
    return comment


async def lock_comment(comment_id: CommentId, db: SessionDep) -> Comment:
    """The comment named in the path, as an entity row-locked until the commit, or
    NotFound."""
    comment = await comment_crud.lock(db, comment_id)
    if comment is None:
        raise NotFound("Comment", comment_id)
    return comment


# Reads get rows, writes get entities (see app.crud): the route's annotation says which.
CurrentUser = Annotated[UserRow, Depends(load_user)]
LockedUser = Annotated[User, Depends(lock_user)]
CurrentPost = Annotated[PostRow, Depends(load_post)]
LockedPost = Annotated[Post, Depends(lock_post)]
CurrentComment = Annotated[CommentRow, Depends(load_comment)]
LockedComment = Annotated[Comment, Depends(lock_comment)]


async def get_password_hasher(request: Request) -> PasswordHasher:
    """The hasher configured by create_app (bcrypt at 4 rounds in tests)."""
    hasher: PasswordHasher = request.app.state.passwords
    return hasher


PasswordsDep = Annotated[PasswordHasher, Depends(get_password_hasher)]


async def get_page_request(
    limit: Annotated[
        int, Query(ge=1, le=100, description="Page size, 1-100."), BeforeValidator(decimal_digits)
    ] = 10,
    skip: Annotated[
        int,
        Query(ge=0, le=10_000, description="Rows to skip (offset); use `cursor` past 10,000."),
        BeforeValidator(decimal_digits),
    ] = 0,
    cursor: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=500,
            description="`next_cursor` of the previous page (keyset pagination). "
            "Cursor pages are as cheap at page 500 as at page 1 and carry no total.",
        ),
    ] = None,
) -> PageRequest:
    """Collect the pagination query parameters shared by every list endpoint."""
    return PageRequest(limit=limit, skip=skip, cursor=cursor)


PageDep = Annotated[PageRequest, Depends(get_page_request)]
