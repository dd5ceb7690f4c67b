"""The async building blocks: an asyncpg engine, and relationships that never lazy-load."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.pool import NullPool

from app.database import make_engine
from app.models import Post, User

pytestmark = [pytest.mark.day(34), pytest.mark.asyncio]


async def test_make_engine_turns_a_plain_postgresql_url_into_an_asyncpg_engine(
    database_url: str,
) -> None:
    plain = make_url(database_url).set(drivername="postgresql")
    engine = make_engine(plain.render_as_string(hide_password=False), poolclass=NullPool)
    try:
        driver = engine.dialect.driver
        assert isinstance(engine, AsyncEngine), f"Called make_engine. Got {type(engine).__name__}"
        assert driver == "asyncpg", f"Called make_engine(postgresql://...). Got {driver}, asyncpg"
        async with engine.connect() as connection:
            one = await connection.scalar(text("SELECT 1"))
        assert one == 1, f"Called SELECT 1 on the engine. Got {one}, expected 1"
    finally:
        await engine.dispose()


async def seed(session: AsyncSession) -> None:
    session.add(User(email="ada@example.com", name="Ada", posts=[Post(title="T", content="")]))
    await session.commit()
    session.expunge_all()


@pytest.mark.hint('Declare both relationships with lazy="raise".')
async def test_user_posts_raise_instead_of_loading_lazily(async_db_session: AsyncSession) -> None:
    await seed(async_db_session)
    user = await async_db_session.scalar(select(User))
    assert user is not None, "Called select(User). Got no user"
    with pytest.raises(InvalidRequestError, match="lazy='raise'"):
        _ = user.posts


@pytest.mark.hint('Declare both relationships with lazy="raise".')
async def test_post_author_raises_instead_of_loading_lazily(async_db_session: AsyncSession) -> None:
    await seed(async_db_session)
    post = await async_db_session.scalar(select(Post))
    assert post is not None, "Called select(Post). Got no post"
    with pytest.raises(InvalidRequestError, match="lazy='raise'"):
        _ = post.author
