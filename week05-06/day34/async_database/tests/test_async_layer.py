"""The async building blocks: an asyncpg engine, and relationships that never lazy-load."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, InvalidRequestError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.pool import NullPool

from app.database import make_engine
from app.models import Post, User
from app.repositories import UserRepository, violated_constraint

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
        pool = type(engine.sync_engine.pool).__name__
        assert pool == "NullPool", f"Called make_engine(poolclass=NullPool). Got a {pool}"
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


async def test_violated_constraint_is_none_when_the_error_names_none() -> None:
    error = IntegrityError("INSERT INTO users ...", {}, Exception("no driver details"))
    got = violated_constraint(error)
    assert got is None, f"Called violated_constraint on an error naming no constraint. Got {got!r}"


async def test_get_all_defaults_to_the_first_100_users_in_id_order(
    async_db_session: AsyncSession,
) -> None:
    insert = text(
        "INSERT INTO users (email, name)"
        " SELECT 'user' || n || '@example.com', 'User' FROM generate_series(1, 101) AS n"
    )
    await async_db_session.execute(insert)
    ids = list(await async_db_session.scalars(text("SELECT id FROM users ORDER BY id")))
    page = await UserRepository(async_db_session).get_all()
    got = [user.id for user in page]
    assert got == ids[:100], (
        f"Called get_all() on 101 users. Got {len(got)} users from id {got[:1]}, "
        f"expected the first 100 from id {ids[0]}"
    )
