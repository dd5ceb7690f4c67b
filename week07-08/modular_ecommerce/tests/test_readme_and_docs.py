"""Day 56: the README is the project's front page and it tells the truth: its walk-through
runs as written (twice in a row), its diagrams and tables are regenerated from the code,
its security table names tests that exist; the Postman collection and .env.example too."""

from __future__ import annotations

import asyncio
import json
import re
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import uvicorn

from conftest import make_settings
from scripts import postman_collection, readme
from tests.access import matches

pytestmark = [
    pytest.mark.day(56),
    pytest.mark.hint(
        "Regenerate with python -m scripts.readme and python -m scripts.postman_collection; "
        "run the README's walk-through against make run P=modular_ecommerce, twice."
    ),
]

PROJECT = Path(__file__).resolve().parents[1]


def text() -> str:
    return (PROJECT / "README.md").read_text()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def seeded_server(committed_database_url: str) -> Iterator[str]:
    """The app served by uvicorn (in a thread) on a migrated, seeded database."""
    from app.main import create_app
    from seed_data import seed_database

    url = sa.make_url(committed_database_url).set(drivername="postgresql+asyncpg")
    settings = make_settings(url.render_as_string(hide_password=False))
    asyncio.run(seed_database(settings))
    port = _free_port()
    config = uvicorn.Config(create_app(settings), port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(300):
        if server.started:
            break
        thread.join(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def walkthrough() -> str:
    match = re.search(
        r"<!-- walkthrough:start -->\n```bash\n(.*?)```\n<!-- walkthrough:end -->", text(), re.S
    )
    assert match, "Called README scan. Got no walk-through between the walkthrough markers"
    return match.group(1)


def test_the_walkthrough_runs_as_written_twice_in_a_row(seeded_server: str) -> None:
    script = walkthrough().replace("http://127.0.0.1:8000", seeded_server)
    for run in (1, 2):
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, (
            f"Called the README walk-through (run {run}). Got exit {done.returncode}: "
            f"{done.stderr[-500:]} {done.stdout[-500:]}"
        )
        lines = done.stdout.splitlines()
        report = json.loads(lines[-1])
        assert lines[3] == "delivered" and lines[5:7] == ["400", "401"], (
            f"Called the walk-through (run {run}). Got {lines[3:7]}, expected 'delivered', "
            "a review, '400' and '401'"
        )
        assert report["orders"] >= run and report["top_products"], f"Got report {report}"


def test_the_generated_sections_are_up_to_date() -> None:
    current = text()
    stale = [
        name
        for name, generate in readme.SECTIONS.items()
        if readme.section(current, name) != generate()
    ]
    assert not stale, (
        f"Called scripts/readme.py. Got stale README sections {stale}: run python -m scripts.readme"
    )


def test_the_readmes_matrix_covers_every_operation() -> None:
    from app.config import Settings
    from app.main import create_app
    from app.modules.auth.dependencies import access_rules

    operations = set(access_rules(create_app(Settings(_env_file=None)).routes))
    section = readme.section(text(), "matrix") or ""
    requests = re.findall(r"^\| (GET|POST|PUT|PATCH|DELETE) `([^`]+)` \|", section, re.M)
    covered = {
        (method, template)
        for method, template in operations
        for verb, path in requests
        if verb == method and matches(template, path)
    }
    missing = sorted(f"{m} {p}" for m, p in operations - covered)
    assert requests and not missing, f"Read the README's matrix. Got no row for {missing}"


def test_every_test_the_security_table_names_exists() -> None:
    section = text().split("## Security", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"`(tests/\w+\.py)::(\w+)`", section)
    missing = [
        f"{file}::{name}"
        for file, name in named
        if not re.search(rf"^(async )?def {name}\(", (PROJECT / file).read_text(), re.M)
    ]
    assert len(named) >= 30 and not missing, (
        f"Read the security table. Got {len(named)} tests named, missing {missing}"
    )


def test_the_auth_sequence_and_the_screenshots_are_there() -> None:
    current = text()
    assert "sequenceDiagram" in current and "reuse" in current, "Expected the auth sequence"
    images = re.findall(r"\]\((docs/screenshots/[\w-]+\.png)\)", current)
    absent = [i for i in images if not (PROJECT / i).read_bytes().startswith(b"\x89PNG")]
    assert len(images) >= 4 and not absent, f"Got screenshots {images}, absent {absent}"


def test_the_postman_collection_is_up_to_date_and_refreshes_its_tokens() -> None:
    committed = postman_collection.OUTPUT.read_text()
    assert committed == postman_collection.render(), (
        "Called scripts/postman_collection.py. Got a stale collection: "
        "run python -m scripts.postman_collection"
    )
    collection = json.loads(committed)
    folders = [folder["name"] for folder in collection["item"]]
    prerequest = "\n".join(collection["event"][0]["script"]["exec"])
    saved = [
        item["name"]
        for folder in collection["item"]
        for item in folder["item"]
        for event in item.get("event", [])
        if "access_token" in "\n".join(event["script"]["exec"])
    ]
    assert folders == ["auth", "users", "products", "orders", "admin"], f"Got {folders}"
    assert "refresh_token" in prerequest and len(saved) >= 2, (
        f"Read the collection. Got a pre-request script without a refresh grant or "
        f"sign-ins that save no token: {saved}"
    )


def test_env_example_documents_every_setting() -> None:
    from app.config import Settings

    example = (PROJECT / ".env.example").read_text()
    documented = set(re.findall(r"^([A-Z0-9_]+)=", example, re.M))
    expected = {name.upper() for name in Settings.model_fields} - {"ENVIRONMENT"}
    assert documented == expected, (
        f"Read .env.example. Got {sorted(documented ^ expected)} extra or missing"
    )


def test_the_seed_migrates_and_is_idempotent(committed_database_url: str) -> None:
    from seed_data import CATEGORIES, PRODUCTS, seed_database

    url = sa.make_url(committed_database_url).set(drivername="postgresql+asyncpg")
    settings = make_settings(url.render_as_string(hide_password=False))
    first = asyncio.run(seed_database(settings))
    second = asyncio.run(seed_database(settings))
    got = ((first.users, first.categories, first.products), (second.users, second.products))
    expected = ((1, len(CATEGORIES), len(PRODUCTS)), (0, 0))
    assert got == expected, f"Called seed_database twice. Got {got}, expected {expected}"
