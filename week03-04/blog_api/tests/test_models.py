"""Day 25: the schema. Three related tables, unique rules and cascades enforced by PostgreSQL."""

import pytest
from sqlalchemy import Engine, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from app.models import Comment, Post, User

pytestmark = pytest.mark.day(25)


def _user(session: Session, name: str) -> User:
    user = User(username=name, email=f"{name}@example.com", hashed_password="x")
    session.add(user)
    session.flush()
    return user


COLUMNS = {
    "users": {"id", "username", "email", "hashed_password", "full_name", "bio", "created_at"},
    "posts": {"id", "author_id", "title", "body", "created_at", "updated_at"},
    "comments": {"id", "post_id", "author_id", "body", "created_at", "updated_at"},
}


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_schema_has_the_three_tables_with_their_columns(engine: Engine, table: str) -> None:
    tables = set(inspect(engine).get_table_names())
    assert table in tables, (
        f"Called inspect(engine).get_table_names(). Got {sorted(tables)}, expected {table!r}"
    )
    columns = {column["name"] for column in inspect(engine).get_columns(table)}
    missing = COLUMNS[table] - columns
    assert not missing, (
        f"Called inspect(engine).get_columns({table!r}). Got {sorted(columns)}, "
        f"expected also {sorted(missing)}"
    )


@pytest.mark.parametrize(
    ("table", "column", "target"),
    [
        ("posts", "author_id", "users"),
        ("comments", "post_id", "posts"),
        ("comments", "author_id", "users"),
    ],
)
def test_foreign_keys_cascade_on_delete(
    engine: Engine, table: str, column: str, target: str
) -> None:
    keys = inspect(engine).get_foreign_keys(table)
    found = [fk for fk in keys if fk["constrained_columns"] == [column]]
    assert found and found[0]["referred_table"] == target, (
        f"Called get_foreign_keys({table!r}). Got {keys}, expected {column} -> {target}"
    )
    ondelete = found[0]["options"].get("ondelete")
    assert ondelete == "CASCADE", (
        f"Called get_foreign_keys({table!r}). Got ondelete={ondelete!r} on {column}, "
        "expected 'CASCADE'"
    )


def test_duplicate_username_is_refused_by_the_database(db_session: Session) -> None:
    _user(db_session, "ada")
    db_session.add(User(username="ada", email="other@example.com", hashed_password="x"))
    with pytest.raises(IntegrityError, match="uq_users_username"):
        db_session.flush()


def test_duplicate_email_is_refused_by_the_database(db_session: Session) -> None:
    _user(db_session, "ada")
    db_session.add(User(username="other", email="ada@example.com", hashed_password="x"))
    with pytest.raises(IntegrityError, match="uq_users_email"):
        db_session.flush()


def test_usernames_that_differ_only_in_case_are_refused_by_the_database(
    db_session: Session,
) -> None:
    _user(db_session, "Ada")
    db_session.add(User(username="aDA", email="other@example.com", hashed_password="x"))
    with pytest.raises(IntegrityError, match="uq_users_username_lower"):
        db_session.flush()


@pytest.mark.parametrize("column", ["title", "body"])
def test_post_text_has_a_trigram_index_for_the_search(engine: Engine, column: str) -> None:
    with engine.connect() as conn:
        definitions = conn.scalars(
            text("SELECT indexdef FROM pg_indexes WHERE tablename = 'posts'")
        ).all()
    expected = f"USING gin ({column} gin_trgm_ops)"
    assert any(expected in definition for definition in definitions), (
        f"Called pg_indexes for posts. Got {definitions}, expected one {expected}"
    )


def test_relationships_link_user_posts_and_comments(db_session: Session) -> None:
    ada, bob = _user(db_session, "ada"), _user(db_session, "bob")
    post = Post(author=ada, title="Engines", body="Body")
    comment = Comment(post=post, author=bob, body="Nice")
    db_session.add_all([post, comment])
    db_session.commit()
    db_session.expire_all()
    # Loaded on purpose: the async app never lazy-loads (each load would be hidden I/O).
    query = select(User).where(User.id == ada.id)
    query = query.options(
        selectinload(User.posts).selectinload(Post.comments).selectinload(Comment.author)
    )
    loaded = db_session.scalars(query).one()
    assert [p.title for p in loaded.posts] == ["Engines"], (
        f"Called user.posts. Got {[p.title for p in loaded.posts]}, expected ['Engines']"
    )
    assert [c.author.username for c in loaded.posts[0].comments] == ["bob"], (
        "Called post.comments[0].author.username. Got "
        f"{[c.author.username for c in loaded.posts[0].comments]}, expected ['bob']"
    )


def test_deleting_a_user_in_sql_removes_their_posts_and_comments(db_session: Session) -> None:
    ada, bob = _user(db_session, "ada"), _user(db_session, "bob")
    ada_post = Post(author=ada, title="A", body="B")
    bob_post = Post(author=bob, title="C", body="D")
    db_session.add_all([ada_post, bob_post])
    db_session.flush()
    db_session.add_all(
        [
            Comment(post=bob_post, author=ada, body="ada on bob's post"),
            Comment(post=ada_post, author=bob, body="bob on ada's post"),
            Comment(post=bob_post, author=bob, body="bob on his own post"),
        ]
    )
    db_session.flush()
    # Raw SQL, so the cascade is the database's doing and not the ORM's.
    db_session.execute(text("DELETE FROM users WHERE id = :id"), {"id": ada.id})
    posts = db_session.scalars(select(Post.title)).all()
    comments = db_session.scalars(select(Comment.body)).all()
    assert posts == ["C"], f"Called DELETE FROM users (ada). Got posts {posts}, expected ['C']"
    assert comments == ["bob on his own post"], (
        f"Called DELETE FROM users (ada). Got comments {comments}, "
        "expected only ['bob on his own post']"
    )


def test_deleting_a_post_in_sql_removes_its_comments(db_session: Session) -> None:
    ada = _user(db_session, "ada")
    post = Post(author=ada, title="A", body="B")
    db_session.add(Comment(post=post, author=ada, body="first"))
    db_session.flush()
    db_session.execute(text("DELETE FROM posts WHERE id = :id"), {"id": post.id})
    left = db_session.scalar(text("SELECT count(*) FROM comments"))
    assert left == 0, f"Called DELETE FROM posts. Got {left} comments left, expected 0"


def test_created_at_is_set_by_the_database_and_distinct_within_a_transaction(
    db_session: Session,
) -> None:
    ada = _user(db_session, "ada")
    first = Post(author_id=ada.id, title="1", body="b")
    db_session.add(first)
    db_session.flush()
    second = Post(author_id=ada.id, title="2", body="b")
    db_session.add(second)
    db_session.flush()
    db_session.refresh(first)
    db_session.refresh(second)
    assert first.created_at < second.created_at, (
        f"Called INSERT twice in one transaction. Got created_at {first.created_at} then "
        f"{second.created_at}, expected increasing times (clock_timestamp, not now())"
    )
