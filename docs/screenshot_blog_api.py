"""Screenshot blog_api's Swagger UI for the top README (docs/images/blog_api_docs.png).

Run from the repository root: .venv/bin/python docs/screenshot_blog_api.py
It seeds blog_api's dev database (as `make run P=blog_api` does), serves the app on a free
port of 127.0.0.1 with Swagger UI from local files (day 15's helper, fetched once with npm),
and takes the picture with headless Chromium. A dev tool: the tests need none of it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from types import ModuleType

import uvicorn

ROOT = Path(__file__).resolve().parents[1]
BLOG_API = ROOT / "week03-04" / "blog_api"
HELPER = ROOT / "week03-04" / "day15" / "first_api" / "scripts" / "local_swagger.py"
OUT = ROOT / "docs" / "images" / "blog_api_docs.png"


def load_helper() -> ModuleType:
    """Day 15's local Swagger UI helper, loaded by path (blog_api has a `scripts` too)."""
    spec = importlib.util.spec_from_file_location("local_swagger", HELPER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    """A port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def main() -> None:
    """Seed, serve, screenshot, stop."""
    url = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "journey"), "db", "url", "25"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    env = dict(os.environ, DATABASE_URL=url)
    subprocess.run([sys.executable, "seed_data.py"], cwd=BLOG_API, env=env, check=True)
    os.environ["DATABASE_URL"] = url
    sys.path.insert(0, str(BLOG_API))
    from app.main import create_app  # the project root is on the path only from here on

    helper = load_helper()
    blog = create_app()
    docs_app = helper.with_local_swagger_ui(blog, helper.fetch_swagger_assets(), blog.title)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(docs_app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        browser = shutil.which("chromium") or "chromium"
        OUT.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run(
                [
                    browser,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--hide-scrollbars",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--window-size=1280,900",
                    "--virtual-time-budget=5000",
                    f"--user-data-dir={profile}",
                    f"--screenshot={OUT}",
                    f"http://127.0.0.1:{port}/docs",
                ],
                check=True,
                capture_output=True,
                timeout=60,
            )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
