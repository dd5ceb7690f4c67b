"""Screenshot Swagger UI's Authorize flow (OAuth2 password grant) in headless Chromium.

Run from the project folder, with a database for the app (it is migrated and seeded):

    DATABASE_URL=$(make -s db-url 56) ../../.venv/bin/python -m scripts.swagger_screenshots

It serves the app on a free port of 127.0.0.1 with Swagger UI from local files
(scripts/local_swagger.py, fetched once with npm) and drives Chromium over the DevTools
protocol (a websocket): /docs; GET /users/me without a token (401); the Authorize dialog
filled in with the seeded admin; authorized; GET /users/me (200); the sales report, a
permission-protected route (200). Each step is a PNG in docs/screenshots/.
A dev tool, not a test: the tests drive the same flow through the API.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from websockets.sync.client import ClientConnection, connect

from app.config import load_settings
from app.main import create_app
from scripts.local_swagger import fetch_swagger_assets, with_local_swagger_ui
from seed_data import seed_database

OUT_DIR = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
WIDTH, HEIGHT = 1280, 860
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    f"--window-size={WIDTH},{HEIGHT}",
    "--remote-debugging-port=0",  # any free port; Chromium writes it to DevToolsActivePort
]
ME = "#operations-users-read_me_users_me_get"
REPORT = "#operations-admin-sales_report_admin_reports_sales_get"


def answered(block: str) -> str:
    """JavaScript: the status code Swagger UI shows for the last call of `block`."""
    return (
        f"[...document.querySelectorAll('{block} .live-responses-table .response-col_status')]"
        ".map(cell => cell.innerText.trim()).find(text => /^[0-9]{3}$/.test(text))"
    )


class Page:
    """One browser tab, driven with DevTools protocol commands over its websocket."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.last_id = 0

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result (events received meanwhile are skipped)."""
        self.last_id += 1
        self.socket.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=30))
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 15.0) -> None:
        """Poll until the expression is truthy (Swagger UI renders asynchronously)."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout} s for {expression}")
            time.sleep(0.1)

    def element(self, selector: str) -> str:
        """JavaScript for the element `selector`, once it exists."""
        found = f"document.querySelector({json.dumps(selector)})"
        self.wait_for(f"!!{found}")
        return found

    def click(self, selector: str) -> None:
        """Click the element."""
        self.evaluate(f"{self.element(selector)}.click()")

    def type_into(self, selector: str, text: str) -> None:
        """Focus an input and type, as a keyboard would (React sees real input events)."""
        self.evaluate(f"{self.element(selector)}.focus()")
        self.send("Input.insertText", text=text)

    def scroll_to(self, selector: str) -> None:
        """Bring the element to the top of the view."""
        self.evaluate(f"{self.element(selector)}.scrollIntoView({{block: 'start'}})")
        self.evaluate("window.scrollBy(0, -20)")

    def screenshot(self, path: Path) -> None:
        """Write the view as a PNG."""
        time.sleep(0.4)  # let Swagger UI's transitions finish
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        print(f"wrote {path.relative_to(path.parents[2])}")


@contextmanager
def serving() -> Iterator[str]:
    """The seeded app with local Swagger UI on a free port of 127.0.0.1; yields its URL."""
    settings = load_settings()
    asyncio.run(seed_database(settings))
    app = create_app(settings)
    docs_app = with_local_swagger_ui(app, fetch_swagger_assets(), app.title)
    server = uvicorn.Server(
        uvicorn.Config(docs_app, host="127.0.0.1", port=0, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while not (server.started and server.servers):
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 15 s")
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium_page() -> Iterator[Page]:
    """A headless Chromium with a fresh profile, and a websocket to its first tab."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium not found: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as profile:
        command = [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            active_port = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + 15
            while not active_port.is_file() or not active_port.read_text().strip():
                if time.monotonic() > deadline:
                    raise RuntimeError("Chromium did not open its DevTools port within 15 s")
                time.sleep(0.1)
            port = active_port.read_text().split()[0]
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as answer:
                targets = json.load(answer)
            page_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
            with connect(page_url, max_size=None) as socket:
                page = Page(socket)
                page.send(
                    "Emulation.setDeviceMetricsOverride",
                    width=WIDTH,
                    height=HEIGHT,
                    deviceScaleFactor=1,
                    mobile=False,
                )
                yield page
        finally:
            process.terminate()
            process.wait(timeout=10)


def call(page: Page, block: str, first_time: bool) -> str:
    """Run an operation from its block ("Try it out", "Execute"); the status it got."""
    if first_time:
        page.click(f"{block} .opblock-summary-control")
        page.click(f"{block} .try-out__btn")
    else:  # Swagger UI's own "Clear" button removes the previous answer
        page.click(f"{block} .btn-clear")
        page.wait_for(f"!document.querySelector('{block} .live-responses-table')")
    page.click(f"{block} .execute")
    page.wait_for(answered(block))
    page.scroll_to(f"{block} .responses-wrapper")
    return str(page.evaluate(answered(block)))


def record(base_url: str, out_dir: Path, email: str, password: str) -> None:
    """Drive the Authorize flow through /docs, a screenshot per step."""
    with chromium_page() as page:
        page.send("Page.navigate", url=f"{base_url}/docs")
        page.element(ME)
        page.screenshot(out_dir / "1-docs.png")

        status = call(page, ME, first_time=True)
        page.screenshot(out_dir / "2-users-me-without-token-401.png")

        page.evaluate("window.scrollTo(0, 0)")
        page.click(".auth-wrapper .authorize")
        page.type_into("#oauth_username", email)
        page.type_into("#oauth_password", password)
        page.screenshot(out_dir / "3-authorize-dialog.png")
        page.click(".auth-btn-wrapper .modal-btn.authorize")
        page.element(".auth-btn-wrapper [aria-label='Remove authorization']")
        page.screenshot(out_dir / "4-authorized.png")
        page.click(".auth-btn-wrapper .btn-done")

        statuses = [status, call(page, ME, first_time=False)]
        page.screenshot(out_dir / "5-users-me-200.png")
        statuses.append(call(page, REPORT, first_time=True))
        page.screenshot(out_dir / "6-sales-report-200.png")
    if statuses != ["401", "200", "200"]:
        raise RuntimeError(f"expected 401, 200, 200 from Swagger UI, got {statuses}")


def main() -> None:
    """Serve the app, sign in through Swagger UI, write the screenshots."""
    if not os.environ.get("DATABASE_URL"):
        raise SystemExit("DATABASE_URL is not set: DATABASE_URL=$(make -s db-url 56) ...")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    settings = load_settings()
    with serving() as base_url:
        record(base_url, OUT_DIR, settings.admin_email, settings.admin_password.get_secret_value())


if __name__ == "__main__":
    main()
