"""Day 53: settings come from the environment; prod refuses to start on unsafe ones, in one
line that never holds a secret."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.config import (
    DEV_ADMIN_PASSWORD,
    DEV_SECRET_KEY,
    ConfigError,
    Settings,
    check_production_ready,
    load_settings,
)

pytestmark = pytest.mark.day(53)

PROJECT = Path(__file__).resolve().parents[1]
URL = "postgresql://shop:pw@db.example.com:5432/shop"
PROD_SECRET = "a-production-secret-of-more-than-forty-bytes!"
SAFE: dict[str, Any] = {
    "environment": "prod",
    "database_url": URL,
    "jwt_secret_key": PROD_SECRET,
    "admin_password": "a-real-admin-password",
}


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"jwt_secret_key": DEV_SECRET_KEY}, "JWT_SECRET_KEY"),
        ({"admin_password": DEV_ADMIN_PASSWORD}, "ADMIN_PASSWORD"),
        ({"debug": True}, "DEBUG"),
        ({"argon2_memory_kib": 8}, "ARGON2_MEMORY_KIB"),
        ({"argon2_time_cost": 1}, "ARGON2_TIME_COST"),
    ],
    ids=["dev-secret", "dev-admin-password", "debug", "weak-argon2-memory", "one-argon2-pass"],
)
@pytest.mark.hint("check_production_ready(settings) lists every problem of a prod profile.")
def test_prod_refuses_unsafe_settings_in_one_line(changes: dict[str, Any], named: str) -> None:
    settings = Settings(_env_file=None, **{**SAFE, **changes})
    with pytest.raises(ConfigError) as caught:
        check_production_ready(settings)
    message = str(caught.value)
    assert named in message and "\n" not in message, (
        f"Called check_production_ready with {changes}. Got {message!r}, expected one line "
        f"naming {named}"
    )
    assert DEV_SECRET_KEY not in message and PROD_SECRET not in message, (
        f"Called check_production_ready. Got a secret in the message: {message!r}"
    )


def test_prod_with_safe_settings_starts_without_docs(database_url: str) -> None:
    from app.main import create_app

    settings = Settings(_env_file=None, **{**SAFE, "database_url": database_url})
    with TestClient(create_app(settings)) as client:
        got = [client.get(path).status_code for path in ("/docs", "/openapi.json")]
    assert got == [404, 404], f"Called GET /docs, /openapi.json in prod. Got {got}"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("JWT_SECRET_KEY", "short-secret"),
        ("DATABASE_URL", "mysql://user:topsecretpw@host/db"),
        ("ARGON2_MEMORY_KIB", "1"),
    ],
)
def test_an_invalid_setting_is_named_without_its_value(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings(environment="test")
    message = str(caught.value)
    assert variable in message and value not in message and "topsecretpw" not in message, (
        f"Called load_settings with {variable}={value!r}. Got {message!r}, expected the "
        "variable named and its value not echoed"
    )


def test_settings_read_the_environment_and_normalise_the_database_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://app:pw@db:5432/shop")
    monkeypatch.setenv("ACCESS_TOKEN_MINUTES", "5")
    monkeypatch.setenv("LOGIN_MAX_FAILURES", "3")
    settings = load_settings(environment="test")
    got = (
        settings.database_url.get_secret_value(),
        settings.access_token_minutes,
        settings.login_max_failures,
        "pw" in repr(settings),
    )
    expected = ("postgresql+asyncpg://app:pw@db:5432/shop", 5, 3, False)
    assert got == expected, f"Called load_settings. Got {got}, expected {expected}"


def test_the_server_refuses_prod_without_secrets_in_one_line() -> None:
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    done = subprocess.run(
        [sys.executable, "-c", "import app.asgi"],
        cwd=PROJECT,
        env={**keep, "ENVIRONMENT": "prod", "DATABASE_URL": URL},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1 and len(lines) == 1 and "JWT_SECRET_KEY" in lines[0], (
        f"Called `import app.asgi` in prod without secrets. Got exit {done.returncode} and "
        f"{done.stderr[-600:]!r}, expected one line naming JWT_SECRET_KEY"
    )
