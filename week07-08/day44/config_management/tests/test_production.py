"""prod refuses to start on a missing or default secret: one clear line, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import DEV_SECRET_KEY, ConfigError, Settings, check_production_ready
from app.main import create_app

pytestmark = pytest.mark.day(44)

PROJECT = Path(__file__).resolve().parents[1]
URL = "postgresql://app:pw@db.example.com:5432/shop"
PROD_SECRET = "a-production-secret-of-forty-characters!"


@pytest.mark.parametrize(
    "secret", [DEV_SECRET_KEY, "sixteen-plus-but-short"], ids=["default", "short"]
)
@pytest.mark.hint("create_app calls check_production_ready(settings) before building anything.")
def test_create_app_refuses_prod_with_the_default_or_a_short_secret(secret: str) -> None:
    settings = Settings(environment="prod", database_url=URL, secret_key=secret)
    with pytest.raises(ConfigError, match="SECRET_KEY") as caught:
        create_app(settings)
    message = str(caught.value)
    assert "\n" not in message and secret not in message, (
        f"Called create_app(prod settings). Got {message!r}: expected one line without the secret"
    )


def test_create_app_refuses_prod_with_debug_on() -> None:
    settings = Settings(environment="prod", database_url=URL, secret_key=PROD_SECRET, debug=True)
    with pytest.raises(ConfigError, match="DEBUG"):
        create_app(settings)


def test_prod_with_its_own_secret_starts_without_docs(database_url: str) -> None:
    settings = Settings(environment="prod", database_url=database_url, secret_key=PROD_SECRET)
    with TestClient(create_app(settings)) as client:
        got = [client.get(path).status_code for path in ("/info", "/docs", "/openapi.json")]
    assert got == [200, 404, 404], (
        f"Called GET /info, /docs, /openapi.json in prod. Got {got}, expected [200, 404, 404]"
    )


def start_server(**variables: str) -> subprocess.Popen[str]:
    """`uvicorn app.asgi:app` with only these settings in its environment."""
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "SYSTEMROOT")}
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "app.asgi:app", "--port", "0"],
        cwd=PROJECT,
        env={**keep, **variables},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def refused_starts() -> dict[str, tuple[int | None, str]]:
    """Two servers started with a bad configuration, side by side; their exit and output."""
    starts = {
        "prod without SECRET_KEY": start_server(ENVIRONMENT="prod", DATABASE_URL=URL),
        "test with PORT=99999": start_server(ENVIRONMENT="test", PORT="99999"),
    }
    results: dict[str, tuple[int | None, str]] = {}
    for name, server in starts.items():
        try:
            output, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()  # it started serving: the configuration was accepted
            output, _ = server.communicate()
        results[name] = (server.returncode, output)
    return results


@pytest.mark.parametrize(
    ("start", "word"), [("prod without SECRET_KEY", "SECRET_KEY"), ("test with PORT=99999", "PORT")]
)
@pytest.mark.hint("app/asgi.py turns a ConfigError into SystemExit('config error: ...').")
def test_uvicorn_stops_with_one_line_and_no_traceback(
    refused_starts: dict[str, tuple[int | None, str]], start: str, word: str
) -> None:
    code, output = refused_starts[start]
    lines = output.strip().splitlines()
    assert code not in (0, None) and len(lines) == 1, (
        f"Called uvicorn app.asgi:app ({start}). Got exit {code} and {len(lines)} lines, "
        f"expected a non-zero exit and one line:\n{output[-1200:]}"
    )
    assert lines[0].startswith("config error: ") and word in lines[0], (
        f"Called uvicorn app.asgi:app ({start}). Got {lines[0]!r}, expected 'config error: ...' "
        f"naming {word}"
    )


def test_check_production_ready_draws_the_line_at_32_characters_and_names_every_problem() -> None:
    check_production_ready(Settings(environment="prod", database_url=URL, secret_key="x" * 32))
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        check_production_ready(Settings(environment="prod", database_url=URL, secret_key="x" * 31))
    both = Settings(environment="prod", database_url=URL, debug=True)
    with pytest.raises(ConfigError) as caught:
        check_production_ready(both)
    message = str(caught.value)
    assert message.startswith("refusing to start in prod: ") and all(
        name in message for name in ("SECRET_KEY", "DEBUG")
    ), (
        f"Called check_production_ready(prod, default secret, DEBUG on). Got {message!r}, "
        "expected one line starting 'refusing to start in prod: ' naming SECRET_KEY and DEBUG"
    )
    for environment in ("dev", "test"):
        check_production_ready(Settings(environment=environment, database_url=URL, debug=True))
