"""Day 22 demo: every CRUD operation through the ORM, against DATABASE_URL.

Run, from the repository root:
    export DATABASE_URL=$(make -s db-url 22)
    cd week03-04/day22/sqlalchemy_basics && ../../../.venv/bin/python main.py
Safe to run again: it creates only the demo users that are missing.
"""

from __future__ import annotations

import sys

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import crud
from database import DatabaseNotConfigured, create_tables, make_engine, make_session_factory

DEMO_USERS = [
    ("ada@example.com", "Ada Lovelace"),
    ("grace@example.org", "Grace Hopper"),
    ("alan@example.com", "Alan Turing"),
]
TEMPORARY_EMAIL = "temporary@example.com"


def run_demo(session: Session) -> list[str]:
    """Create, read, update and delete users; return what happened, line by line.

    Each line starts with its step: "create:" for each demo user that is missing,
    "read:" for each user, "update:" (Grace's new name), "delete:" (a temporary user,
    ending "still there: False"), then "refuse:" (a duplicate email).
    """
    lines: list[str] = []
    for email, name in DEMO_USERS:
        if crud.get_user_by_email(session, email) is None:
            user = crud.create_user(session, email=email, name=name)
            lines.append(f"create: {user!r} at {user.created_at:%Y-%m-%d %H:%M}")
    lines.extend(f"read:   {user!r}" for user in crud.list_users(session))

    grace = crud.get_user_by_email(session, "grace@example.org")
    if grace is not None:
        renamed = crud.update_user(session, grace.id, name="Rear Admiral Grace Hopper")
        lines.append(f"update: {renamed!r}")

    temporary = crud.create_user(session, email=TEMPORARY_EMAIL, name="Temporary")
    crud.delete_user(session, temporary.id)
    gone = crud.get_user(session, temporary.id) is None
    lines.append(f"delete: user {temporary.id} deleted, still there: {not gone}")

    try:
        crud.create_user(session, email="ada@example.com", name="Ada Again")
    except crud.EmailAlreadyExists as exc:
        lines.append(f"refuse: {exc}")
    return lines


def main() -> int:
    """Run the demo against DATABASE_URL; returns the exit status."""
    try:
        engine = make_engine()
    except DatabaseNotConfigured as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        create_tables(engine)
        with make_session_factory(engine)() as session:
            for line in run_demo(session):
                print(line)
    except OperationalError as exc:
        where = engine.url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0]
        print(f"error: could not connect to {where}: {reason}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
