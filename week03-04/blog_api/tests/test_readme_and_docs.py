"""Day 28: the README's curl examples, ER diagram, endpoint table and Postman collection."""

import json
import re
import shlex
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.database import Base
from scripts import er_diagram, postman_collection

pytestmark = [
    pytest.mark.day(28),
    pytest.mark.hint(
        "Try each curl line on a fresh make run P=blog_api; write the diagram with "
        "python scripts/er_diagram.py --write, the collection with "
        "python scripts/postman_collection.py."
    ),
]

PROJECT = Path(__file__).resolve().parents[1]
README = (PROJECT / "README.md").read_text()
BASE_URL = "http://127.0.0.1:8000"


def _curl_commands() -> list[tuple[str, int | None]]:
    """Every curl line of the README, with its `# expect NNN` status if any."""
    commands = []
    for line in README.splitlines():
        if line.startswith("curl "):
            expect = re.search(r"#\s*expect (\d{3})\s*$", line)
            command = line[: expect.start()] if expect else line
            commands.append((command.strip(), int(expect.group(1)) if expect else None))
    return commands


def _replay(client: TestClient, command: str) -> int:
    """Send one curl command line through the test client; return the status."""
    words = shlex.split(command)[1:]
    method, headers, data, url = "GET", {}, None, ""
    while words:
        word = words.pop(0)
        if word == "-X":
            method = words.pop(0)
        elif word == "-H":
            name, value = words.pop(0).split(":", 1)
            headers[name.strip()] = value.strip()
        elif word == "-d":
            data = words.pop(0)
            method = "POST" if method == "GET" else method
        elif word.startswith(BASE_URL):
            url = word.removeprefix(BASE_URL)
        elif word != "-s":
            raise AssertionError(f"README curl uses an option this test cannot replay: {word}")
    return client.request(method, url, headers=headers, content=data).status_code


def test_readme_curl_examples_work_as_written_on_a_seeded_database(seeded_app: FastAPI) -> None:
    commands = _curl_commands()
    assert len(commands) >= 10, f"Called README curl scan. Got {len(commands)}, expected >= 10"
    with TestClient(seeded_app) as client:
        for command, expected in commands:
            status = _replay(client, command)
            ok = status == expected if expected else 200 <= status < 300
            assert ok, f"Called {command}. Got {status}, expected {expected or '2xx'}"


def test_readme_er_diagram_matches_the_models() -> None:
    generated = er_diagram.mermaid(Base.metadata)
    assert er_diagram.readme_diagram(README) == generated, (
        "Called scripts/er_diagram.py. Got a README diagram that differs from the models, "
        "expected them equal: run python scripts/er_diagram.py --write"
    )


def test_readme_endpoint_table_lists_every_operation(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, item in paths.items():
        for method in item:
            row = f"| {method.upper()} | `{path}` |"
            assert row in README, f"Called README scan. Got no row {row!r}, expected one per route"


def test_readme_error_table_lists_every_documented_error_status(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    statuses = {
        status
        for item in paths.values()
        for operation in item.values()
        for status in operation["responses"]
        if int(status) >= 400
    }
    missing = sorted(status for status in statuses if f"\n| {status} | " not in README)
    assert not missing, (
        f"Called README scan. Got no error-table row for {missing}, expected one "
        "'| STATUS | when |' row per error status the OpenAPI document lists"
    )


def test_postman_collection_is_v2_1_and_up_to_date() -> None:
    committed = (PROJECT / "docs" / "blog_api.postman_collection.json").read_text()
    assert committed == postman_collection.render(), (
        "Called scripts/postman_collection.py. Got a committed collection that differs, "
        "expected it up to date: run python scripts/postman_collection.py"
    )
    collection = json.loads(committed)
    assert collection["info"]["schema"].endswith("/v2.1.0/collection.json"), (
        f"Called json.load on the collection. Got {collection['info']['schema']}, expected v2.1"
    )
    requests = [item["request"] for folder in collection["item"] for item in folder["item"]]
    assert len(requests) == 16, f"Called the collection scan. Got {len(requests)}, expected 16"
    create = next(r for r in requests if r["method"] == "POST" and r["url"]["path"] == ["users"])
    assert json.loads(create["body"]["raw"])["username"] == "ada", (
        f"Called the collection's POST /users. Got body {create['body']['raw']}, "
        "expected the schema's example"
    )
