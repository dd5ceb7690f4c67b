"""Day 47: the Postman collection is well formed, uses a Bearer token, and works on the API.

The second test replays the collection on the test client: each request in order, with the
collection's variables, its Bearer auth, the status its test script expects, and the token
that Login's script stores.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.day(47)

COLLECTION = Path(__file__).resolve().parent.parent / "docs" / "jwt_auth.postman_collection.json"
SCHEMA_V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
VARIABLE = re.compile(r"\{\{(\w+)\}\}")
STATUS = re.compile(r"have\.status\((\d{3})\)|oneOf\(\[([\d,\s]+)\]\)")
STORES_TOKEN = re.compile(r"collectionVariables\.set\(['\"]accessToken['\"]")


def load() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(COLLECTION.read_text())
    return document


def requests(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every item that is a request, folders flattened, in order."""
    found: list[dict[str, Any]] = []
    for item in document.get("item", []):
        found += requests(item) if "item" in item else [item]
    return found


def bearer_value(auth: dict[str, Any] | None) -> str | None:
    """The token template of a bearer auth block, or None for noauth / no auth."""
    if not auth or auth.get("type") != "bearer":
        return None
    values = [entry["value"] for entry in auth.get("bearer", []) if entry.get("key") == "token"]
    return str(values[0]) if values else None


def script(item: dict[str, Any]) -> str:
    lines = [
        line
        for event in item.get("event", [])
        if event.get("listen") == "test"
        for line in event["script"]["exec"]
    ]
    return "\n".join(lines)


def test_the_collection_is_postman_v21_with_a_bearer_token_from_login() -> None:
    document = load()
    assert document.get("info", {}).get("schema") == SCHEMA_V21, (
        f"Read {COLLECTION.name}. Got info.schema {document.get('info', {}).get('schema')!r}, "
        f"expected {SCHEMA_V21}"
    )
    variables = {entry["key"] for entry in document.get("variable", [])}
    assert {"baseUrl", "accessToken"} <= variables, f"Got variables {sorted(variables)}"
    assert "eyJ" not in COLLECTION.read_text(), "Found a hard-coded JWT: use {{accessToken}}"
    by_route: dict[tuple[str, str], dict[str, Any]] = {}
    for item in requests(document):
        request = item["request"]
        raw = request["url"]["raw"] if isinstance(request["url"], dict) else request["url"]
        assert raw.startswith("{{baseUrl}}/"), f"Request {item['name']!r}: url {raw!r}"
        by_route.setdefault((request["method"], raw), item)
    login = by_route.get(("POST", "{{baseUrl}}/login"))
    assert login and STORES_TOKEN.search(script(login)), (
        "Expected a POST {{baseUrl}}/login whose test script stores the token: "
        "pm.collectionVariables.set('accessToken', ...)"
    )
    me = by_route.get(("GET", "{{baseUrl}}/users/me"))
    assert me, "Expected a GET {{baseUrl}}/users/me request"
    auth = me["request"].get("auth", document.get("auth"))
    assert bearer_value(auth) == "{{accessToken}}", (
        f"GET /users/me sends auth {auth}, expected Bearer {{{{accessToken}}}} (its own or the "
        "collection's)"
    )


def test_replaying_the_collection_on_the_api_meets_every_expected_status(
    client: TestClient,
) -> None:
    document = load()
    variables = {entry["key"]: str(entry.get("value", "")) for entry in document["variable"]}
    variables["baseUrl"] = ""  # the test client's own base

    def fill(text: str) -> str:
        return VARIABLE.sub(lambda match: variables[match.group(1)], text)

    items = requests(document)
    assert len(items) >= 3, f"Got {len(items)} requests, expected register, login and users/me"
    for item in items:
        request = item["request"]
        raw = request["url"]["raw"] if isinstance(request["url"], dict) else request["url"]
        headers = {entry["key"]: fill(entry["value"]) for entry in request.get("header", [])}
        token = bearer_value(request.get("auth", document.get("auth")))
        if token is not None:
            headers["Authorization"] = f"Bearer {fill(token)}"
        body = fill(request["body"]["raw"]) if request.get("body") else None
        response = client.request(request["method"], fill(raw), headers=headers, content=body)
        tests = script(item)
        expected = [
            int(code)
            for pair in STATUS.findall(tests)
            for part in pair
            for code in re.findall(r"\d{3}", part)
        ]
        assert expected, (
            f"Request {item['name']!r} has no status test (pm.response.to.have.status(...))"
        )
        assert response.status_code in expected, (
            f"Replayed {item['name']!r}: {request['method']} {raw}. Got {response.status_code} "
            f"{response.text[:120]}, expected {expected}"
        )
        if STORES_TOKEN.search(tests):
            variables["accessToken"] = response.json()["access_token"]
