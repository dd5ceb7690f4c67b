"""Screenshot the app's Swagger UI (/docs) with headless Chromium.

Run from the project folder: python -m scripts.screenshot_docs [--out file.png]
It fetches Swagger UI with npm (once, cached), serves the app with uvicorn on 127.0.0.1
(a free port) with those files served locally, screenshots /docs, and stops the server.
"""

import argparse
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import uvicorn

from main import app
from scripts.local_swagger import fetch_swagger_assets, with_local_swagger_ui

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "screenshots" / "docs.png"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1280,1000",
    # Lets Swagger UI fetch /openapi.json and render before the shot is taken.
    "--virtual-time-budget=5000",
]


def free_port() -> int:
    """Ask the OS for a port nobody is listening on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, timeout: float = 10.0) -> None:
    """Poll url until the server answers, or raise after timeout seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not start within {timeout} s")


def take_screenshot(url: str, out: Path) -> None:
    """Render url in headless Chromium with a fresh, empty profile and write a PNG to out."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium not found: apt-get install -y chromium")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
        subprocess.run(
            [*command, f"--screenshot={out}", url], check=True, capture_output=True, timeout=60
        )


def main() -> None:
    """Serve the app with local Swagger UI, screenshot /docs, stop the server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="PNG to write")
    args = parser.parse_args()

    docs_app = with_local_swagger_ui(app, fetch_swagger_assets(), app.title)
    port = free_port()
    config = uvicorn.Config(docs_app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_until_up(f"http://127.0.0.1:{port}/openapi.json")
        take_screenshot(f"http://127.0.0.1:{port}/docs", args.out)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
