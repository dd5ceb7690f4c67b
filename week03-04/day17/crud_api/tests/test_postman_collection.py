"""Day 17: the Postman collection is valid v2.1, covers every route, and runs green."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from main import create_app

pytestmark = pytest.mark.day(17)

COLLECTION_FILE = Path(__file__).resolve().parents[1] / "postman_collection.json"
SCHEMA_V21 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
EXPECTED_STATUS = re.compile(r"pm\.response\.to\.have\.status\((\d+)\)")


@pytest.fixture
def collection() -> dict[str, Any]:
    """The collection file, parsed (a JSON syntax error fails every test that uses it)."""
    parsed: dict[str, Any] = json.loads(COLLECTION_FILE.read_text())
    return parsed


def fill(text: str, variables: dict[str, str]) -> str:
    """Replace Postman's {{name}} placeholders with their values."""
    return re.sub(r"\{\{(\w+)\}\}", lambda match: variables[match[1]], text)


def request_path(item: dict[str, Any], variables: dict[str, str]) -> str:
    """The item's URL path with variables filled, e.g. /users/1."""
    return "/" + "/".join(fill(segment, variables) for segment in item["request"]["url"]["path"])


def test_collection_is_postman_v21_with_a_base_url_variable(collection: dict[str, Any]) -> None:
    schema = collection["info"]["schema"]
    assert schema == SCHEMA_V21, f"Read info.schema. Got {schema}, expected {SCHEMA_V21}"
    variables = {variable["key"] for variable in collection["variable"]}
    assert "baseUrl" in variables, f"Read variable keys. Got {variables}, expected baseUrl"


def test_every_route_of_the_app_has_a_request(collection: dict[str, Any]) -> None:
    variables = {"baseUrl": "", "userId": "1"}
    sent = [(i["request"]["method"], request_path(i, variables)) for i in collection["item"]]
    routes = [r for r in create_app().routes if isinstance(r, APIRoute)]
    missing = [
        f"{method} {route.path}"
        for route in routes
        for method in route.methods or ()
        if not any(m == method and route.path_regex.match(path) for m, path in sent)
    ]
    assert missing == [], f"Compared the collection with the app. Got {missing} uncovered"


def test_running_the_collection_in_order_gets_every_expected_status(
    collection: dict[str, Any], client: TestClient
) -> None:
    variables = {v["key"]: v["value"] for v in collection["variable"]} | {"baseUrl": ""}
    for item in collection["item"]:
        script = "\n".join(
            line for event in item.get("event", []) for line in event["script"]["exec"]
        )
        statuses = EXPECTED_STATUS.findall(script)
        assert statuses, (
            f"Read the script of {item['name']!r}. Got no pm.response.to.have.status(N), "
            "expected the status this request must get"
        )
        expected = int(statuses[0])
        body = item["request"].get("body", {}).get("raw")
        response = client.request(
            item["request"]["method"],
            request_path(item, variables),
            content=fill(body, variables) if body else None,
            headers={h["key"]: h["value"] for h in item["request"].get("header", [])},
        )
        assert response.status_code == expected, (
            f"Called {item['name']!r}. Got {response.status_code}, expected {expected}"
        )
        if 'collectionVariables.set("userId"' in script:
            variables["userId"] = str(response.json()["id"])
