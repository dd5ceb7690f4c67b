"""The async unit of work on PostgreSQL, where commits are real (committed_database_url)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.pool import NullPool

from app.database import make_engine, make_session_factory
from app.models import User
from app.unit_of_work import UnitOfWork

pytestmark = [pytest.mark.day(34), pytest.mark.asyncio]


@pytest_asyncio.fixture
async def committed_engine(committed_database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(committed_database_url, poolclass=NullPool)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(committed_engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_session_factory(committed_engine)


async def stored_emails(engine: AsyncEngine) -> list[str]:
    """The emails in the users table, read on a connection of its own."""
    async with engine.connect() as connection:
        return list(await connection.scalars(text("SELECT email FROM users ORDER BY id")))


async def test_commit_is_visible_and_objects_stay_readable(
    committed_engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session, UnitOfWork(session) as uow:
        user = User(email="ada@example.com", name="Ada")
        await uow.users.add(user)
        await uow.commit()
        # Reading an attribute cannot await: this works only with expire_on_commit=False.
        name = user.name
    assert name == "Ada", f"Read user.name after commit. Got {name!r}, 'Ada'"
    got = await stored_emails(committed_engine)
    assert got == ["ada@example.com"], f"Called await uow.commit(). Got {got} stored"


async def test_rolls_back_uncommitted_work_by_default(
    committed_engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session:
        async with UnitOfWork(session) as uow:
            await uow.users.add(User(email="ada@example.com", name="Ada"))
        left = await session.scalar(text("SELECT count(*) FROM users"))
    assert left == 0, f"Left `async with uow:` without commit. Got {left} rows in the session"
    assert await stored_emails(committed_engine) == [], "Left without commit. Got rows stored"


async def test_rolls_back_on_error(
    committed_engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    class Refused(Exception):
        pass

    async with session_factory() as session:
        with pytest.raises(Refused):
            async with UnitOfWork(session) as uow:
                await uow.users.add(User(email="ada@example.com", name="Ada"))
                raise Refused
        left = await session.scalar(text("SELECT count(*) FROM users"))
    assert left == 0, f"Raised inside `async with uow:`. Got {left} rows in the session, 0"
    assert await stored_emails(committed_engine) == [], "Raised inside the block. Got rows"
