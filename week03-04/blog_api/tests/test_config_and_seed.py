"""Day 28: configuration from the environment and an idempotent seed script."""

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.database import Base
from app.main import create_app
from app.models import Comment, Post, User
from seed_data import COMMENTS, DEMO_PASSWORD, POSTS, USERS, seed_database

pytestmark = pytest.mark.day(28)

PROJECT = Path(__file__).resolve().parents[1]


def test_settings_come_from_environment_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db.example:5432/blog")
    monkeypatch.setenv("BCRYPT_ROUNDS", "5")
    settings = Settings(_env_file=None)
    got = (settings.database_url, settings.bcrypt_rounds)
    assert got == ("postgresql+psycopg2://u:p@db.example:5432/blog", 5), (
        f"Called Settings() with DATABASE_URL and BCRYPT_ROUNDS set. Got {got}, "
        "expected the psycopg2 URL and 5"
    )


def test_invalid_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BCRYPT_ROUNDS", "2")
    with pytest.raises(ValueError, match="bcrypt_rounds"):
        Settings(_env_file=None)


def test_env_example_documents_every_setting() -> None:
    documented = set(re.findall(r"^([A-Z_]+)=", (PROJECT / ".env.example").read_text(), re.M))
    expected = {name.upper() for name in Settings.model_fields}
    assert documented == expected, (
        f"Called .env.example scan. Got {sorted(documented)}, expected {sorted(expected)}"
    )


def test_creating_the_app_does_not_connect() -> None:
    app = create_app(Settings(database_url="postgresql://nobody@127.0.0.1:1/nothing"))
    assert app.state.engine.pool.checkedout() == 0 and app.title == "Blog API", (
        "Called create_app with an unreachable database. Got a connection attempt or an "
        "error, expected an app that connects only on the first request"
    )


def _counts(session: Session) -> tuple[int | None, ...]:
    return tuple(
        session.scalar(select(func.count()).select_from(model)) for model in (User, Post, Comment)
    )


def test_seed_creates_missing_tables_and_is_idempotent(committed_database_url: str) -> None:
    engine = create_engine(committed_database_url)
    try:
        Base.metadata.drop_all(engine)
        settings = Settings(database_url=committed_database_url, bcrypt_rounds=4)
        first = seed_database(engine, settings)
        assert {"users", "posts", "comments"} <= set(inspect(engine).get_table_names()), (
            "Called seed_database on an empty database. Got missing tables, expected all three"
        )
        second = seed_database(engine, settings)
        with Session(engine) as session:
            counts = _counts(session)
        expected = (len(USERS), len(POSTS), len(COMMENTS))
        assert (first.users, first.posts, first.comments) == expected, (
            f"Called seed_database once. Got {first}, expected {expected} rows added"
        )
        assert (second.users, second.posts, second.comments) == (0, 0, 0), (
            f"Called seed_database twice. Got {second} on the second run, expected nothing added"
        )
        assert counts == expected, f"Called seed twice. Got counts {counts}, expected {expected}"
    finally:
        engine.dispose()


def test_seeded_users_can_be_checked_against_the_demo_password(seeded_app: FastAPI) -> None:
    with Session(seeded_app.state.engine) as session:
        stored = session.scalar(select(User.hashed_password).where(User.username == "ada"))
    passwords = seeded_app.state.password_context
    assert stored is not None and passwords.verify(DEMO_PASSWORD, stored), (
        "Called seed_database then verify(demo password). Got no match, expected the demo "
        "password to verify"
    )
