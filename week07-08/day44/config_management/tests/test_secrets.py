"""Secrets never show: not in repr, not in logs, not in error messages."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.config import ConfigError, Settings, load_settings
from app.main import create_app

pytestmark = pytest.mark.day(44)

SECRET = "s3cret-value-that-must-never-leak"
PASSWORD = "db-pa55word-never-shown"
URL = f"postgresql://app:{PASSWORD}@db.example.com:5432/shop"


def test_repr_str_and_json_of_the_settings_hide_both_secrets() -> None:
    settings = Settings(database_url=URL, secret_key=SECRET)
    for shown in (repr(settings), str(settings), settings.model_dump_json()):
        leaked = [value for value in (SECRET, PASSWORD) if value in shown]
        assert not leaked, f"Printed the settings. Got {leaked} in {shown!r}"
    assert (
        settings.database_url_masked == "postgresql+psycopg2://app:***@db.example.com:5432/shop"
    ), f"Called database_url_masked. Got {settings.database_url_masked!r}"


@pytest.mark.hint("Settings.model_config needs hide_input_in_errors=True: errors echo input.")
def test_validation_errors_never_echo_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    short = "short-s3cret"  # refused: under 16 characters
    with pytest.raises(ValidationError) as raw:
        Settings(database_url=URL, secret_key=short, port=0)
    monkeypatch.setenv("SECRET_KEY", short)
    monkeypatch.setenv("DATABASE_URL", f"mysql://app:{PASSWORD}@db/shop")
    with pytest.raises(ConfigError) as clear:
        load_settings()
    for error in (str(raw.value), repr(raw.value), str(clear.value)):
        leaked = [value for value in (short, PASSWORD) if value in error]
        assert not leaked, f"Refused a secret. Got {leaked} in the error {error!r}"
    assert "SECRET_KEY" in str(clear.value), f"Called load_settings(). Got {clear.value}"


def test_the_logs_of_an_app_run_never_show_a_secret(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(environment="test", database_url=URL, secret_key=SECRET, debug=True)
    with caplog.at_level(logging.DEBUG):
        app = create_app(settings)
        with TestClient(app) as client:  # runs the lifespan: the engine is made and logged
            assert client.get("/info").status_code == 200, "Called GET /info. Got an error"
    assert settings.database_url_masked in caplog.text, (
        f"Ran the app with DEBUG logging. Got no {settings.database_url_masked!r} in the logs, "
        "expected the lifespan to log the database it uses, password masked"
    )
    leaked = [value for value in (SECRET, PASSWORD) if value in caplog.text]
    assert not leaked, f"Ran the app with DEBUG logging. Got {leaked} in the logs"
