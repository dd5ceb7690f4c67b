"""The app factory registers every module, and the shared middleware runs on every route."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

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
