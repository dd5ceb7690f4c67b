"""Swagger UI served from local files, for machines that cannot reach its CDN.

FastAPI's /docs page loads Swagger UI's JavaScript and CSS from cdn.jsdelivr.net. This
module fetches the same files once with `npm pack` and wraps the day's app so that /docs
loads them from the server itself. The day's own app (main.py) is left unchanged.
"""

import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from fastapi.openapi.docs import get_swagger_ui_html
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Mount, Route, Router
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

SWAGGER_UI_VERSION = "5.35.0"
ASSET_NAMES = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png")
ASSETS_URL = "/swagger-ui-assets"
# .journey/ is git-ignored: the assets are a dev-only download, never committed.
CACHE_DIR = Path(__file__).resolve().parents[4] / ".journey" / "swagger-ui-dist"


def extract_assets(tarball: Path, dest: Path) -> None:
    """Copy the Swagger UI files out of an npm package tarball into dest."""
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(tarball) as archive:
        for name in ASSET_NAMES:
            member = archive.extractfile(f"package/{name}")
            if member is None:
                raise RuntimeError(f"{tarball.name} has no file package/{name}")
            (dest / name).write_bytes(member.read())


# It downloads with npm, so it needs the network: no test runs it.
def fetch_swagger_assets(cache_dir: Path = CACHE_DIR) -> Path:  # pragma: no mutate block
    """Return a folder holding the pinned Swagger UI files, downloading them if needed."""
    dest = cache_dir / SWAGGER_UI_VERSION
    if all((dest / name).is_file() for name in ASSET_NAMES):
        return dest
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm not found: it downloads swagger-ui-dist (apt-get install -y npm)")
    with tempfile.TemporaryDirectory() as workdir:
        package = f"swagger-ui-dist@{SWAGGER_UI_VERSION}"
        subprocess.run([npm, "pack", package], cwd=workdir, check=True, capture_output=True)
        extract_assets(next(Path(workdir).glob("*.tgz")), dest)
    return dest


def with_local_swagger_ui(app: ASGIApp, assets_dir: Path, title: str) -> Router:
    """Wrap app: /docs is Swagger UI loading assets_dir's files, every other path is app."""

    def docs(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=f"{title} - Swagger UI",
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_URL}/favicon-32x32.png",
        )

    return Router(
        routes=[
            Route("/docs", docs, methods=["GET"]),
            Mount(ASSETS_URL, app=StaticFiles(directory=assets_dir)),
            Mount("", app=app),
        ]
    )
