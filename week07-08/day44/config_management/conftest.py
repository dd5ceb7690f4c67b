"""Day 44 project root: the app under test, built from explicit test settings.

Imports happen inside the fixtures, so a half-written config.py fails its tests one by
one (with the reason) instead of stopping the whole run at collection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi import FastAPI
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from app.config import Settings

SETTING_VARIABLES = (
    "ENVIRONMENT",
    "APP_NAME",
    "DEBUG",
    "LOG_LEVEL",
    "PORT",
    "DATABASE_URL",
    "SECRET_KEY",
)
TEST_SECRET = "test-secret-from-conftest-0123456789"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting leaks in from your shell or your own .env: each test sets what it is about."""
    from app import config

    for name in SETTING_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setitem(config.ENV_FILES, "dev", tmp_path / "no.env")


@pytest.fixture(scope="session")
def test_settings(database_url: str) -> Settings:
    """The test profile on this run's database, given in full (no file, no environment)."""
    from app.config import Settings

    return Settings(
        environment="test",
        app_name="Config demo (test)",
        database_url=database_url,
        secret_key=TEST_SECRET,
    )


@pytest.fixture(scope="session")
def journey_app(test_settings: Settings) -> FastAPI:
    """The app built from the test settings; `client` replaces get_db with a rolled-back session."""
    from app.main import create_app

    return create_app(test_settings)


@pytest.fixture(scope="session")
def journey_get_db() -> Callable[..., Iterator[Session]]:
    """The dependency `client` overrides."""
    from app.dependencies import get_db

    return get_db
