"""Day 42: the README's walk-through (run twice, for real), its endpoint table, the ER
diagram and the Postman collection, and the seed script."""

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

from scripts import er_diagram, postman_collection

pytestmark = [
    pytest.mark.day(42),
    pytest.mark.hint(
        "Run the README's walk-through against make run P=ecommerce_api (twice); regenerate the "
        "diagram with python scripts/er_diagram.py --write and the collection with "
        "python scripts/postman_collection.py."
    ),
]

PROJECT = Path(__file__).resolve().parents[2]
README = (PROJECT / "README.md").read_text()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def seeded_server(committed_database_url: str) -> Iterator[str]:
    """The app served by uvicorn (in a thread) on a migrated, seeded database."""
    import asyncio

    from app.config import DEFAULT_ADMIN_TOKEN
    from app.main import create_app
    from conftest import make_settings
    from seed_data import seed_database

    settings = make_settings(
        committed_database_url, environment="development", admin_token=DEFAULT_ADMIN_TOKEN
    )
    asyncio.run(seed_database(settings))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        thread.join(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _walkthrough() -> str:
    match = re.search(
        r"<!-- walkthrough:start -->\n```bash\n(.*?)```\n<!-- walkthrough:end -->", README, re.S
    )
    assert match, "Called README scan. Got no walk-through between the walkthrough markers"
    return match.group(1)


def test_the_walkthrough_runs_as_written_twice_in_a_row(seeded_server: str) -> None:
    script = _walkthrough().replace("http://127.0.0.1:8000", seeded_server)
    for run in (1, 2):
        done = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, (
            f"Called the README walk-through (run {run}). Got exit {done.returncode}: "
            f"{done.stderr[-500:]} {done.stdout[-500:]}"
        )
        assert '"status":"delivered"' in done.stdout and "409\n" in done.stdout, (
            f"Called the README walk-through (run {run}). Got no delivered order or no 409: "
            f"{done.stdout[-800:]}"
        )


def test_the_endpoint_table_lists_every_operation() -> None:
    from app.config import Settings
    from app.main import create_app

    paths = create_app(Settings(database_url="postgresql://unused/unused")).openapi()["paths"]
    for path, item in paths.items():
        for method in item:
            row = f"| {method.upper()} | `{path}` |"
            assert row in README, (
                f"Called README scan. Got no row {row!r}, expected one per operation"
            )


def test_the_er_diagram_matches_the_models() -> None:
    generated = er_diagram.mermaid(er_diagram.current_metadata())
    assert er_diagram.readme_diagram(README) == generated, (
        "Called scripts/er_diagram.py. Got a README diagram that differs from the models: "
        "run python scripts/er_diagram.py --write"
    )


def test_the_postman_collection_is_up_to_date_and_follows_a_purchase() -> None:
    committed = (PROJECT / "docs" / "ecommerce_api.postman_collection.json").read_text()
    assert committed == postman_collection.render(), (
        "Called scripts/postman_collection.py. Got a stale collection: "
        "run python scripts/postman_collection.py"
    )
    collection = json.loads(committed)
    folders = [folder["name"] for folder in collection["item"]]
    words = ["Browse", "cart", "Checkout", "Pay", "Ship", "Review", "Admin reports"]
    missing = [w for w in words if not any(w in name for name in folders)]
    assert collection["info"]["schema"].endswith("/v2.1.0/collection.json") and not missing, (
        f"Called the collection scan. Got folders {folders}, missing {missing}"
    )


def _env_example() -> dict[str, str]:
    return dict(re.findall(r"^([A-Z_]+)=(.*)$", (PROJECT / ".env.example").read_text(), re.M))


def test_env_example_documents_every_setting() -> None:
    from app.config import Settings

    documented = set(_env_example())
    expected = {name.upper() for name in Settings.model_fields}
    assert documented == expected, (
        f"Called .env.example scan. Got {sorted(documented)}, expected {sorted(expected)}"
    )


def test_the_seed_migrates_and_is_idempotent(committed_database_url: str) -> None:
    import asyncio

    from conftest import make_settings
    from seed_data import CATEGORIES, PRODUCTS, seed_database

    settings = make_settings(committed_database_url)
    first = asyncio.run(seed_database(settings))
    second = asyncio.run(seed_database(settings))
    engine = sa.create_engine(committed_database_url, poolclass=sa.NullPool)
    with engine.connect() as conn:
        delivered = conn.execute(
            sa.text("SELECT count(*) FROM orders WHERE status = 'delivered'")
        ).scalar()
    engine.dispose()
    got = (
        (first.categories, first.products),
        (second.users, second.products, second.orders),
        delivered,
    )
    expected = ((len(CATEGORIES), len(PRODUCTS)), (0, 0, 0), 1)
    assert got == expected, f"Called seed_database twice. Got {got}, expected {expected}"
