"""Prepare a database to try the API by hand: `alembic upgrade head`, then demo posts once.

Run, from this folder:  DATABASE_URL=$(make -s db-url 30) ../../../.venv/bin/python seed.py
(`make run P=advanced_queries` runs it for you on a database of its own.)
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.database import DatabaseNotConfigured, make_engine, make_session_factory
from app.models import Post, Tag, User

START = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
DEMO = [
    ("ada", "Learning Python", "Generators, then decorators.", ["python"]),
    ("ada", "FastAPI in a weekend", "Query parameters, 100% typed.", ["python", "fastapi"]),
    ("alan", "Indexes that matter", "A trigram index serves ILIKE '%term%'.", ["sql", "postgres"]),
    ("alan", "snake_case or camelCase?", "PEP 8 has an opinion.", ["python", "style"]),
    ("grace", "Debugging a query plan", "EXPLAIN, then EXPLAIN ANALYZE.", ["sql", "postgres"]),
    ("grace", "Dates are half-open", "to_date includes its whole last day.", ["sql", "fastapi"]),
]


def seed(db: Session) -> int:
    """Add the demo users, tags and posts unless there are posts already; return how many."""
    if db.scalar(select(func.count()).select_from(Post)):
        return 0
    users = {name: User(username=name) for name in dict.fromkeys(row[0] for row in DEMO)}
    tags = {name: Tag(name=name) for name in dict.fromkeys(n for row in DEMO for n in row[3])}
    for day, (author, title, content, names) in enumerate(DEMO):
        db.add(
            Post(
                title=title,
                content=content,
                author=users[author],
                created_at=START + timedelta(days=7 * day),
                tags=[tags[name] for name in names],
            )
        )
    db.commit()
    return len(DEMO)


def main() -> int:
    """Migrate DATABASE_URL's database to head and seed it; returns the exit status."""
    try:
        engine = make_engine()
    except DatabaseNotConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        command.upgrade(Config(str(Path(__file__).with_name("alembic.ini"))), "head")
        with make_session_factory(engine)() as db:
            print(f"seeded {seed(db)} demo posts")
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
