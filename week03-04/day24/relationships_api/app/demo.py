"""Demo: a user with several posts, read back with selectinload; prints the SQL and the JSON.

Run, from the repository root:
    export DATABASE_URL=$(make -s db-url 24)
    cd week03-04/day24/relationships_api && ../../../.venv/bin/python -m app.demo
"""

from __future__ import annotations

import sys
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app import crud
from app.database import Base, DatabaseNotConfigured, make_engine, make_session_factory
from app.models import Post, User
from app.schemas import UserWithPosts

DEMO_EMAIL = "ada@example.com"
DEMO_POSTS = [
    ("Notes on the Analytical Engine", "It might act upon other things besides number."),
    ("On Bernoulli numbers", "Note G: the first published program."),
    ("Poetical science", "Imagination is the discovering faculty."),
]


def seed(db: Session) -> int:
    """Create the demo user (DEMO_EMAIL) with the DEMO_POSTS unless they exist; return the id.

    Build the posts through the relationship (User(..., posts=[Post(...), ...])), then commit.
    """
    user = db.scalars(select(User).where(User.email == DEMO_EMAIL)).one_or_none()
    if user is None:
        posts = [Post(title=title, content=content) for title, content in DEMO_POSTS]
        # Appending to user.posts fills in user_id: the relationship does the foreign key.
        user = User(email=DEMO_EMAIL, name="Ada Lovelace", posts=posts)
        db.add(user)
        db.commit()
    return user.id


def load_and_show(db: Session, user_id: int) -> tuple[UserWithPosts, list[str]]:
    """Read the user with posts from scratch and record every SQL statement that took."""
    db.expunge_all()  # forget cached objects so the load really goes to PostgreSQL
    statements: list[str] = []
    bind = db.get_bind()

    def record(*args: Any) -> None:
        statements.append(" ".join(str(args[2]).split()))

    event.listen(bind, "before_cursor_execute", record)
    try:
        user = UserWithPosts.model_validate(crud.get_user_with_posts(db, user_id))
    finally:
        event.remove(bind, "before_cursor_execute", record)
    return user, statements


def run_demo(db: Session) -> str:
    """The demo's report: the SQL that selectinload issued, then the nested JSON."""
    user, statements = load_and_show(db, seed(db))
    lines = [f"{len(statements)} SQL statements for one user and {len(user.posts)} posts:"]
    lines += [f"  {statement}" for statement in statements]
    lines.append(user.model_dump_json(indent=2))
    return "\n".join(lines)


def main() -> int:
    """Run the demo against DATABASE_URL; returns the exit status."""
    try:
        engine = make_engine()
    except DatabaseNotConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        Base.metadata.create_all(engine)
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
