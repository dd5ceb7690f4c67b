"""Day 15: the screenshot script's wrapper serves Swagger UI from local files."""

import io
import tarfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from main import app
from scripts.local_swagger import ASSET_NAMES, extract_assets, with_local_swagger_ui

pytestmark = pytest.mark.day(15)


@pytest.fixture
def assets_dir(tmp_path: Path) -> Path:
    """A folder standing in for the downloaded Swagger UI files."""
    for name in ASSET_NAMES:
        (tmp_path / name).write_bytes(f"/* {name} */".encode())
    return tmp_path


@pytest.fixture
def docs_client(assets_dir: Path) -> TestClient:
    """A TestClient on the day's app wrapped with local Swagger UI."""
    return TestClient(with_local_swagger_ui(app, assets_dir, app.title))


def test_docs_page_loads_swagger_ui_from_the_server_not_the_cdn(docs_client: TestClient) -> None:
    html = docs_client.get("/docs").text
    for url in ["/swagger-ui-assets/swagger-ui-bundle.js", "/swagger-ui-assets/swagger-ui.css"]:
        assert url in html, f"Called GET /docs. Got a page without {url!r}"
    assert "cdn.jsdelivr.net" not in html, "Called GET /docs. Got a page that still uses the CDN"
    assert "'/openapi.json'" in html, "Called GET /docs. Got a page not loading /openapi.json"


def test_swagger_ui_files_are_served_from_the_assets_folder(docs_client: TestClient) -> None:
    response = docs_client.get("/swagger-ui-assets/swagger-ui.css")
    assert response.text == "/* swagger-ui.css */", (
        f"Called GET /swagger-ui-assets/swagger-ui.css. Got {response.status_code} "
        f"{response.text[:40]!r}, expected the file's content"
    )


def test_every_other_path_reaches_the_days_app_unchanged(docs_client: TestClient) -> None:
    item = docs_client.get("/items/2")
    assert item.json()["name"] == "Wireless mouse", f"Called GET /items/2. Got {item.json()}"
    missing = docs_client.get("/items/999")
    assert missing.status_code == 404, f"Called GET /items/999. Got {missing.status_code}"
    paths = set(docs_client.get("/openapi.json").json()["paths"])
    assert paths == {"/", "/items/{item_id}", "/search"}, (
        f"Called GET /openapi.json. Got paths {sorted(paths)}, expected the 3 routes"
    )


def test_assets_are_extracted_from_an_npm_package_tarball(tmp_path: Path) -> None:
    tarball = tmp_path / "swagger-ui-dist.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        for name in [*ASSET_NAMES, "index.html"]:
            data = f"content of {name}".encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    dest = tmp_path / "assets"
    extract_assets(tarball, dest)
    found = sorted(path.name for path in dest.iterdir())
    assert found == sorted(ASSET_NAMES), (
        f"Called extract_assets(). Got files {found}, expected {sorted(ASSET_NAMES)}"
    )
    bundle = (dest / "swagger-ui-bundle.js").read_text()
    assert bundle == "content of swagger-ui-bundle.js", f"Called extract_assets(). Got {bundle!r}"
