"""The relationship in the ORM and in PostgreSQL: links, both directions, cascades."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import Post, Tag

pytestmark = pytest.mark.day(35)


def count(db: Session, table: str) -> int:
    """Rows in `table`, counted by PostgreSQL."""
    return int(db.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_tags_given_to_a_post_become_rows_in_post_tags(db_session: Session) -> None:
    python, sql = Tag(name="python"), Tag(name="sql")
    db_session.add(Post(title="Notes", content="", tags=[sql, python]))
    db_session.commit()
    rows = db_session.execute(text("SELECT count(*) FROM post_tags")).scalar_one()
    assert rows == 2, f"Saved Post(tags=[sql, python]). Got {rows} rows in post_tags, expected 2"


def test_the_relationship_reads_from_both_sides(db_session: Session) -> None:
    python, sql = Tag(name="python"), Tag(name="sql")
    db_session.add_all(
        [
            Post(title="B", content="", tags=[sql, python]),
            Post(title="A", content="", tags=[python]),
        ]
    )
    db_session.commit()
    db_session.expunge_all()
    post = db_session.scalars(select(Post).where(Post.title == "B")).one()
    tag = db_session.scalars(select(Tag).where(Tag.name == "python")).one()
    assert [t.name for t in post.tags] == ["python", "sql"], (
        f"Read Post.tags. Got {[t.name for t in post.tags]}, expected ['python', 'sql'] (by name)"
    )
    assert [p.title for p in tag.posts] == ["B", "A"], (
        f"Read Tag.posts. Got {[p.title for p in tag.posts]}, expected ['B', 'A'] (by post id)"
    )


def test_back_populates_keeps_both_sides_in_step_before_any_flush() -> None:
    post, tag = Post(title="Notes", content=""), Tag(name="python")
    post.tags.append(tag)
    assert tag.posts == [post], f"Appended to post.tags. Got tag.posts {tag.posts}, expected [post]"


@pytest.mark.parametrize(
    ("delete", "gone", "kept"),
    [
        ("DELETE FROM posts", "posts", "tags"),
        ("DELETE FROM tags", "tags", "posts"),
    ],
)
def test_deleting_either_side_deletes_its_links_only(
    db_session: Session, delete: str, gone: str, kept: str
) -> None:
    db_session.add(Post(title="Notes", content="", tags=[Tag(name="python")]))
    db_session.commit()
    db_session.execute(text(delete))
    got = (count(db_session, "post_tags"), count(db_session, kept))
    assert got == (0, 1), (
        f"Ran {delete}. Got {got[0]} links and {got[1]} {kept}, expected 0 links and 1 {kept} "
        f"(ON DELETE CASCADE on both foreign keys of post_tags)"
    )


def test_deleting_a_post_through_the_orm_keeps_its_tags(db_session: Session) -> None:
    post = Post(title="Notes", content="", tags=[Tag(name="python")])
    db_session.add(post)
    db_session.commit()
    db_session.delete(post)
    db_session.commit()
    got = (count(db_session, "post_tags"), count(db_session, "tags"))
    assert got == (0, 1), f"Deleted a post with the ORM. Got (links, tags) {got}, expected (0, 1)"


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO post_tags (post_id, tag_id) SELECT post_id, tag_id FROM post_tags",
        "INSERT INTO tags (name) VALUES ('python')",
    ],
)
def test_postgresql_refuses_a_second_link_or_a_second_name(
    db_session: Session, statement: str
) -> None:
    db_session.add(Post(title="Notes", content="", tags=[Tag(name="python")]))
    db_session.commit()
    with pytest.raises(IntegrityError):
        db_session.execute(text(statement))
