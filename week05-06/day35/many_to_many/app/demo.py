"""Demo: posts with several tags, read from both sides of the many-to-many relationship.

Run, from the repository root (it migrates the database to head first):
    export DATABASE_URL=$(make -s db-url 35)
    cd week05-06/day35/many_to_many && ../../../.venv/bin/python -m app.demo
"""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, selectinload

from app.database import DatabaseNotConfigured, make_engine, make_session_factory
from app.models import Post, Tag

DEMO_POSTS = [
    ("Type hints in practice", "mypy --strict, one module at a time.", ["python", "typing"]),
    ("FastAPI meets SQLAlchemy", "One session per request.", ["python", "fastapi", "sql"]),
    ("Indexes for tag lookups", "Why post_tags has two indexes.", ["sql", "postgres"]),
]


def seed(db: Session) -> None:
    """Create the DEMO_POSTS with their tags, skipping posts whose title exists; commit.

    A tag shared by two posts is one Tag row (`python` labels two posts): reuse the tags
    that exist, create the others once, and attach them through the relationship,
    `Post(title=..., content=..., tags=[...])`.
    """
    titles = [title for title, _, _ in DEMO_POSTS]
    existing = set(db.scalars(select(Post.title).where(Post.title.in_(titles))))
    names = {name for _, _, tag_names in DEMO_POSTS for name in tag_names}
    tags = {tag.name: tag for tag in db.scalars(select(Tag).where(Tag.name.in_(names)))}
    for title, content, tag_names in DEMO_POSTS:
        if title not in existing:
            labels = [tags.setdefault(name, Tag(name=name)) for name in tag_names]
            db.add(Post(title=title, content=content, tags=labels))
    db.commit()


def report(db: Session) -> str:
    """Every post with its tags, then every tag with its posts (two queries each way)."""
    posts = db.scalars(select(Post).options(selectinload(Post.tags)).order_by(Post.id))
    tags = db.scalars(select(Tag).options(selectinload(Tag.posts)).order_by(Tag.name))
    lines = ["Posts and their tags:"]
    lines += [f"  {post.title}: {', '.join(tag.name for tag in post.tags)}" for post in posts]
    lines.append("Tags and their posts:")
    lines += [f"  {tag.name}: {', '.join(post.title for post in tag.posts)}" for tag in tags]
    return "\n".join(lines)


def run_demo(db: Session) -> str:
    """Seed, then report from a session that has forgotten every object (real reads)."""
    seed(db)
    db.expunge_all()
    return report(db)


def main() -> int:
    """Migrate DATABASE_URL's database, run the demo, print it; returns the exit status."""
    try:
        engine = make_engine()
    except DatabaseNotConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        command.upgrade(Config(str(Path(__file__).parents[1] / "alembic.ini")), "head")
        with make_session_factory(engine)() as db:
            print(run_demo(db))
    except OperationalError as error:
        where = engine.url.render_as_string(hide_password=True)
        reason = str(error.orig).strip().splitlines()[0]
        print(f"error: could not connect to {where}: {reason}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
