"""Day 28: configuration from the environment and an idempotent seed script."""

import asyncio
import re
from pathlib import Path

import pytest
from passlib.context import CryptContext
from sqlalchemy import create_engine, func, inspect, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.database import Base
from app.models import Comment, Post, User
from seed_data import COMMENTS, DEMO_PASSWORD, POSTS, USERS, seed_database

pytestmark = pytest.mark.day(28)

PROJECT = Path(__file__).resolve().parents[1]


def _env_example() -> dict[str, str]:
    """The NAME=value lines of .env.example (comments and blank lines skipped)."""
    text = (PROJECT / ".env.example").read_text()
    return dict(re.findall(r"^([A-Z_]+)=(.*)$", text, re.M))


def test_env_example_documents_every_setting() -> None:
    documented = set(_env_example())
    expected = {name.upper() for name in Settings.model_fields}
    assert documented == expected, (
        f"Called .env.example scan. Got {sorted(documented)}, expected {sorted(expected)}"
    )


def test_env_example_values_are_valid_settings_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = _env_example()
    assert {"DATABASE_URL", "BCRYPT_ROUNDS"} <= set(values), (
        f"Called .env.example scan. Got {sorted(values)}, expected DATABASE_URL and BCRYPT_ROUNDS"
    )
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)
    got = (settings.database_url.split("://")[0], settings.bcrypt_rounds)
    expected = ("postgresql+asyncpg", int(values["BCRYPT_ROUNDS"]))
    assert got == expected, (
        "Called Settings() with the .env.example values in the environment. Got "
        f"(driver, bcrypt_rounds) = {got}, expected {expected}"
    )
    monkeypatch.setenv("BCRYPT_ROUNDS", "2")
    with pytest.raises(ValueError, match="bcrypt_rounds"):
        Settings(_env_file=None)


def _counts(session: Session) -> tuple[int | None, ...]:
    return tuple(
        session.scalar(select(func.count()).select_from(model)) for model in (User, Post, Comment)
    )


def test_seed_creates_missing_tables_and_is_idempotent(committed_database_url: str) -> None:
    engine = create_engine(committed_database_url)
    try:
        Base.metadata.drop_all(engine)
        settings = Settings(database_url=committed_database_url, bcrypt_rounds=4)
        first = asyncio.run(seed_database(settings))
        assert {"users", "posts", "comments"} <= set(inspect(engine).get_table_names()), (
            "Called seed_database on an empty database. Got missing tables, expected all three"
        )
        second = asyncio.run(seed_database(settings))
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


def test_seeded_users_can_be_checked_against_the_demo_password(
    committed_database_url: str,
) -> None:
    asyncio.run(seed_database(Settings(database_url=committed_database_url, bcrypt_rounds=4)))
    engine = create_engine(committed_database_url)
    try:
        with Session(engine) as session:
            stored = session.scalar(select(User.hashed_password).where(User.username == "ada"))
    finally:
        engine.dispose()
    assert stored is not None and CryptContext(schemes=["bcrypt"]).verify(DEMO_PASSWORD, stored), (
        "Called seed_database then verify(demo password). Got no match, expected the demo "
        "password to verify"
    )
