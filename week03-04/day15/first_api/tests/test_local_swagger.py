"""Day 15: the screenshot script's pipeline, without npm and Chromium.

The script takes Swagger UI's files out of an npm tarball and serves the day's app with
/docs loading those files locally. Its tests are given with the day: they pass once the
day's routes answer.
"""

import io
import tarfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from main import app
from scripts.local_swagger import ASSET_NAMES, extract_assets, with_local_swagger_ui

pytestmark = pytest.mark.day(15)


def fake_npm_tarball(folder: Path) -> Path:
    """A tarball laid out like `npm pack swagger-ui-dist`: every file under package/."""
    tarball = folder / "swagger-ui-dist.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        for name in [*ASSET_NAMES, "index.html"]:
            data = f"/* {name} */".encode()
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return tarball


def test_assets_are_extracted_then_served_in_front_of_the_days_app(tmp_path: Path) -> None:
    assets = tmp_path / "cache" / "5.35.0"  # its parent folder does not exist yet
    extract_assets(fake_npm_tarball(tmp_path), assets)
    extract_assets(fake_npm_tarball(tmp_path), assets)  # a second run finds the folder there
    found = sorted(path.name for path in assets.iterdir())
    assert found == sorted(ASSET_NAMES), (
        f"Called extract_assets(). Got files {found}, expected {sorted(ASSET_NAMES)}"
    )
    client = TestClient(with_local_swagger_ui(app, assets, app.title))

    html = client.get("/docs").text
    assert "<title>First API - Swagger UI</title>" in html, (
        "Called GET /docs. Got a page without the title 'First API - Swagger UI'"
    )
    assets_used = ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"]
    for url in [f"/swagger-ui-assets/{name}" for name in assets_used]:
        assert url in html, f"Called GET /docs. Got a page without {url!r}"
    assert "cdn.jsdelivr.net" not in html, "Called GET /docs. Got a page that still uses the CDN"
    assert "'/openapi.json'" in html, "Called GET /docs. Got a page not loading /openapi.json"
    css = client.get("/swagger-ui-assets/swagger-ui.css")
    assert css.text == "/* swagger-ui.css */", (
        f"Called GET /swagger-ui-assets/swagger-ui.css. Got {css.status_code} "
        f"{css.text[:40]!r}, expected the file's content"
    )

    # Every other path reaches the day's app unchanged: the screenshot shows its routes.
    paths = set(client.get("/openapi.json").json()["paths"])
    assert paths == {"/", "/items/{item_id}", "/search"}, (
        f"Called GET /openapi.json. Got paths {sorted(paths)}, expected the 3 routes"
    )
    item = client.get("/items/2")
    assert item.status_code == 200 and item.json()["name"] == "Wireless mouse", (
        f"Called GET /items/2 through the wrapper. Got {item.status_code} {item.text}"
    )
    missing = client.get("/items/999")
    assert missing.status_code == 404, f"Called GET /items/999. Got {missing.status_code}"
