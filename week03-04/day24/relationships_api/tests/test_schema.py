"""The foreign key and the cascade hold in PostgreSQL itself, not only in the ORM."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Post, User

pytestmark = pytest.mark.day(24)


def test_postgres_refuses_a_post_whose_user_does_not_exist(db_session: Session) -> None:
    with pytest.raises(IntegrityError, match="fk_posts_user_id_users"):
        db_session.execute(text("INSERT INTO posts (title, content, user_id) VALUES ('x', '', 0)"))


def test_raw_sql_delete_of_a_user_cascades_to_their_posts(db_session: Session) -> None:
    db_session.add(User(email="ada@example.com", name="Ada", posts=[Post(title="A", content="")]))
    db_session.flush()
    db_session.execute(text("DELETE FROM users WHERE email = 'ada@example.com'"))
    left = db_session.execute(text("SELECT count(*) FROM posts")).scalar_one()
    assert left == 0, f"Called DELETE FROM users in SQL. Got {left} posts left, expected 0"


def test_removing_a_post_from_user_posts_deletes_it(db_session: Session) -> None:
    user = User(
        email="ada@example.com", name="Ada", posts=[Post(title=t, content="") for t in "AB"]
    )
    db_session.add(user)
    db_session.flush()
    user.posts.pop(0)
    db_session.flush()
    titles = db_session.scalars(select(Post.title)).all()
    assert titles == ["B"], f"Called user.posts.pop(0). Got posts {titles}, expected ['B']"
