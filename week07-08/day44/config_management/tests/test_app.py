"""Routes read the settings through a dependency that a test can replace."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.config import Settings
from app.dependencies import get_settings
from app.main import create_app

pytestmark = pytest.mark.day(44)


@pytest.fixture
def overridden(journey_app: FastAPI, test_settings: Settings) -> Iterator[Settings]:
    """The app's settings replaced, for one test, by a copy with another name and profile."""
    other = test_settings.model_copy(update={"app_name": "Overridden", "debug": True})
    journey_app.dependency_overrides[get_settings] = lambda: other
    try:
        yield other
    finally:
        journey_app.dependency_overrides.pop(get_settings, None)


def test_info_shows_the_name_and_profile_and_no_secret(client: TestClient) -> None:
    response = client.get("/info")
    expected = {"app_name": "Config demo (test)", "environment": "test", "debug": False}
    assert (response.status_code, response.json()) == (200, expected), (
        f"Called GET /info. Got {response.status_code} {response.json()}, expected {expected}"
    )


@pytest.mark.hint("Routes take SettingsDep = Annotated[Settings, Depends(get_settings)].")
def test_a_test_can_override_the_settings_dependency(
    client: TestClient, overridden: Settings
) -> None:
    body = client.get("/info").json()
    assert (body["app_name"], body["debug"]) == ("Overridden", True), (
        f"Called GET /info with get_settings overridden. Got {body}, expected the override's"
    )


def test_health_queries_the_configured_postgresql(client: TestClient) -> None:
    response = client.get("/health")
    expected = {"status": "ok", "environment": "test", "database": "ok"}
    assert (response.status_code, response.json()) == (200, expected), (
        f"Called GET /health. Got {response.status_code} {response.json()}, expected {expected}"
    )


def test_docs_are_served_outside_prod(client: TestClient) -> None:
    got = [client.get(path).status_code for path in ("/docs", "/openapi.json")]
    assert got == [200, 200], f"Called GET /docs and /openapi.json in test. Got {got}"


def test_create_app_builds_the_app_from_the_settings_it_is_given(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="app")
    url = "postgresql://app:pw@db.example.com:5432/shop"
    settings = Settings(environment="dev", database_url=url, app_name="Shop API", debug=True)
    app = create_app(settings)
    built = (app.title, app.debug, app.state.settings)
    assert built == ("Shop API", True, settings), (
        f"Called create_app(settings). Got (title, debug, state.settings) {built}, expected "
        "the settings' app_name and debug, and the settings themselves"
    )
    client = TestClient(app)  # no lifespan: nothing connects to the database
    got = [client.get(path).status_code for path in ("/docs", "/openapi.json", "/redoc")]
    assert got == [200, 200, 404], (
        f"Called GET /docs, /openapi.json, /redoc on a dev app. Got {got}, expected 200, 200, 404"
    )
    lines = [
        r.getMessage() for r in caplog.records if r.name == "app" and r.levelno == logging.INFO
    ]
    assert any("Shop API" in line and "dev" in line and repr(settings) in line for line in lines), (
        f"Called create_app(settings). Got the log lines {lines} on 'app', expected one at INFO "
        "with the app's name, its profile and the settings' repr"
    )
    monkeypatch.setenv("ENVIRONMENT", "test")
    monkeypatch.setenv("APP_NAME", "From the environment")
    assert create_app().title == "From the environment", (
        "Called create_app() without settings. Expected load_settings() to supply them"
    )
