"""The app factory registers every module, and the shared middleware runs on every route."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from sqlalchemy import Engine

pytestmark = pytest.mark.day(43)


def test_create_app_registers_the_routes_of_every_module(journey_app: FastAPI) -> None:
    paths = set(journey_app.openapi()["paths"])
    expected = {"/users", "/users/{user_id}", "/products", "/products/{product_id}"}
    expected |= {"/orders", "/orders/{order_id}"}
    assert expected <= paths, (
        f"Called create_app(). Got paths {sorted(paths)}, missing {sorted(expected - paths)}"
    )


@pytest.mark.hint("app/shared/middleware.py: add_request_id, registered by create_app.")
def test_every_response_carries_a_request_id(client: TestClient) -> None:
    fresh = client.get("/products").headers.get("X-Request-ID", "")
    assert re.fullmatch(r"[0-9a-f]{32}", fresh), (
        f"Called GET /products. Got X-Request-ID {fresh!r}, expected 32 hex digits (uuid4 hex)"
    )
    echoed = client.get("/products/999", headers={"X-Request-ID": "req-42"})
    got = echoed.headers.get("X-Request-ID")
    assert got == "req-42", f"Called GET /products/999 with X-Request-ID req-42. Got {got!r}"
    bad = client.get("/products", headers={"X-Request-ID": "<script>"}).headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", bad), (
        f"Called GET /products with X-Request-ID '<script>'. Got {bad!r}, expected a fresh id"
    )


def test_create_app_wires_errors_middleware_and_the_session_factory(engine: Engine) -> None:
    from app.database import make_session_factory
    from app.main import create_app

    factory = make_session_factory(engine)
    app = create_app(factory)
    assert app.state.session_factory is factory, (
        "Called create_app(factory). Expected app.state.session_factory to be that factory"
    )

    @app.get("/request-id")
    def request_id(request: Request) -> str:
        return str(request.state.request_id)

    with TestClient(app) as client:
        missing = client.get("/products/999999")
        own = client.get("/request-id", headers={"X-Request-ID": "req-7"})
    assert (missing.status_code, missing.json()) == (404, {"detail": "Product 999999 not found"})
    assert re.fullmatch(r"[0-9a-f]{32}", missing.headers.get("X-Request-ID", "")), (
        f"Called GET /products/999999. Got headers {dict(missing.headers)}, expected X-Request-ID"
    )
    assert own.json() == "req-7", (
        f"Read request.state.request_id for X-Request-ID req-7. Got {own.json()!r}"
    )


def test_without_a_session_factory_the_app_connects_to_database_url_at_startup(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.main import create_app

    monkeypatch.setenv("DATABASE_URL", database_url)
    with TestClient(create_app()) as client:
        response = client.get("/products")
    assert response.status_code == 200, (
        f"Called GET /products on create_app() with DATABASE_URL set. Got {response.status_code}"
    )
