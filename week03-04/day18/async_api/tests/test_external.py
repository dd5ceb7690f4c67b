"""Day 18: GET /external calls the upstream through httpx.AsyncClient, and maps its failures."""

import pytest
from fastapi.testclient import TestClient

from config import Settings
from local_server import free_port
from main import create_app

pytestmark = pytest.mark.day(18)


def test_external_returns_the_upstream_post_and_its_source(
    client: TestClient, upstream_url: str
) -> None:
    response = client.get("/external", params={"post_id": 2})
    assert response.status_code == 200, f"Called GET /external. Got {response.status_code}"
    body = response.json()
    assert body["post"]["title"] == "post 2" and body["source"] == upstream_url, (
        f"Called GET /external?post_id=2. Got {body}, expected post 2 from {upstream_url}"
    )


def test_external_post_missing_upstream_is_404(client: TestClient) -> None:
    response = client.get("/external", params={"post_id": 77})
    assert response.status_code == 404, (
        f"Called GET /external?post_id=77. Got {response.status_code}, expected 404"
    )


def test_upstream_500_becomes_502_with_a_clear_detail(client: TestClient) -> None:
    response = client.get("/external", params={"post_id": 500})
    assert response.status_code == 502, (
        f"Called GET /external with an upstream 500. Got {response.status_code}, expected 502"
    )
    assert "answered 500" in response.json()["detail"], (
        f"Called GET /external with an upstream 500. Got {response.json()}"
    )


def test_unreachable_upstream_becomes_502_with_a_clear_detail() -> None:
    nobody_listens = f"http://127.0.0.1:{free_port()}"
    settings = Settings(upstream_base_url=nobody_listens, upstream_timeout_seconds=2)
    with TestClient(create_app(settings)) as client:
        response = client.get("/external")
    assert response.status_code == 502, (
        f"Called GET /external on a closed port. Got {response.status_code}, expected 502"
    )
    assert response.json()["detail"].startswith(f"Upstream {nobody_listens}"), (
        f"Called GET /external on a closed port. Got {response.json()}, expected it named"
    )
