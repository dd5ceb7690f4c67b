"""User queries: read users as rows (one, or a page), load or lock one as an entity, save
(mapping taken names and emails), delete."""

from datetime import datetime

from sqlalchemy import Row, Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.crud.integrity import constraint_name
from app.crud.pagination import ListQuery, PageRequest, PageResult, SortKey, fetch_page, parse_int
from app.errors import DomainError, EmailTaken, UnknownAuthor, UsernameTaken
from app.models import User

# A user as UserRead shows it, selected as a row: the password hash is not even read.
UserRow = Row[int, str, str, str | None, str | None, datetime]
USER_ROWS: Select[int, str, str, str | None, str | None, datetime] = select(
    User.id, User.username, User.email, User.full_name, User.bio, User.created_at
)
_USER_BY_ID = USER_ROWS.where(User.id == bindparam("user_id"))
# Every user, in id order.
_EVERYONE = ListQuery(
    USER_ROWS,
    select(func.count()).select_from(User),
    SortKey("id", User.id, User.id, descending=False, parse=parse_int),
)


async def read(session: AsyncSession, user_id: int) -> UserRow | None:
    """One user as UserRead shows it (USER_ROWS), or None."""
    row: UserRow | None = (await session.execute(_USER_BY_ID, {"user_id": user_id})).first()
    return row


async def lock(session: AsyncSession, user_id: int) -> User | None:
    """The user entity, its row locked until the commit, or None."""
    return await session.get(User, user_id, with_for_update=True)


async def get_author(session: AsyncSession, author_id: int) -> User:
    """The user who is to write a post or comment; UnknownAuthor if there is none."""
    author = await session.get(User, author_id)
    if author is None:
        raise UnknownAuthor(author_id)
    return author


async def list_page(session: AsyncSession, page: PageRequest) -> PageResult[UserRow]:
    """Users in id order (USER_ROWS), one page at a time."""
    return await fetch_page(session, _EVERYONE, page)


async def save(session: AsyncSession, user: User) -> None:
    """Write a new or changed user now (INSERT or UPDATE); UsernameTaken or EmailTaken when
    PostgreSQL's unique rules refuse it (no check-then-write race)."""
    # Read before the flush: a failed flush expires the object.
    taken: dict[str, DomainError] = {
        "uq_users_username_lower": UsernameTaken(user.username),
        "uq_users_email": EmailTaken(user.email),
    }
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as error:
        refusal = taken.get(constraint_name(error) or "")
        if refusal is None:
            raise
        raise refusal from error


async def delete(session: AsyncSession, user: User) -> None:
    """Delete a user; PostgreSQL cascades to their posts and comments."""
    await session.delete(user)
    await session.flush()
