"""Record the OAuth2 login through Swagger UI's Authorize button, in headless Chromium.

Run from the project folder, with a database for the app:

    DATABASE_URL=$(make -s db-url 48) ../../../.venv/bin/python -m scripts.swagger_demo

It serves the app on a free port of 127.0.0.1 with Swagger UI from local files
(scripts/local_swagger.py), registers a demo user, and drives Chromium over the DevTools
protocol (a websocket): GET /users/me without a token (401), Authorize with a wrong
password (invalid_grant), Authorize with the right one, GET /users/me again (200). Each
step is a PNG in ../screenshots/, and all of them make ../screenshots/demo.gif.
A dev tool, not a test: the tests drive the same flow through /openapi.json.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from PIL import Image
from pydantic import SecretStr
from websockets.sync.client import ClientConnection, connect

from app.config import Settings
from app.database import Base, make_engine, make_session_factory
from app.main import create_app
from scripts.local_swagger import fetch_swagger_assets, with_local_swagger_ui

OUT_DIR = Path(__file__).resolve().parents[2] / "screenshots"
DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "demo-password-48"
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
# The status code of the answer GET /users/me got in Swagger UI (the first cell is "Code").
ANSWERED_STATUS = (
    f"[...document.querySelectorAll('{ME} .live-responses-table .response-col_status')]"
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
        self.evaluate(f"{self.element(selector)}.click()")

    def type_into(self, selector: str, text: str) -> None:
        """Focus an input and type, as a keyboard would (React sees real input events)."""
        self.evaluate(f"{self.element(selector)}.focus()")
        self.send("Input.insertText", text=text)

    def clear(self, selector: str) -> None:
        self.evaluate(f"{self.element(selector)}.select()")
        self.send("Input.dispatchKeyEvent", type="keyDown", key="Backspace", code="Backspace")
        self.send("Input.dispatchKeyEvent", type="keyUp", key="Backspace", code="Backspace")

    def scroll_to(self, selector: str) -> None:
        self.evaluate(f"{self.element(selector)}.scrollIntoView({{block: 'start'}})")
        self.evaluate("window.scrollBy(0, -20)")

    def screenshot(self, path: Path) -> None:
        time.sleep(0.4)  # let Swagger UI's transitions finish
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        print(f"wrote {path.name}")


@contextmanager
def serving(database_url: str) -> Iterator[str]:
    """The app with local Swagger UI on a free port of 127.0.0.1; yields its base URL."""
    settings = Settings(database_url=SecretStr(database_url))
    engine = make_engine(settings)
    Base.metadata.create_all(engine)
    app = create_app(settings, make_session_factory(engine))
    docs_app = with_local_swagger_ui(app, fetch_swagger_assets(), app.title)
    config = uvicorn.Config(docs_app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not (server.started and server.servers):
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start within 10 s")
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


def register_demo_user(base_url: str) -> None:
    """POST /register the demo user; a 409 (already there from an earlier run) is fine."""
    body = json.dumps({"email": DEMO_EMAIL, "password": DEMO_PASSWORD}).encode()
    request = urllib.request.Request(
        f"{base_url}/register", data=body, headers={"Content-Type": "application/json"}
    )
    try:
        urllib.request.urlopen(request, timeout=10).close()
    except urllib.error.HTTPError as error:
        if error.code != 409:
            raise


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


def try_users_me(page: Page, first_time: bool) -> None:
    """Run GET /users/me from its operation block and wait for the answer."""
    if first_time:
        page.click(f"{ME} .opblock-summary-control")
        page.click(f"{ME} .try-out__btn")
    else:  # Swagger UI's own "Clear" button removes the previous answer
        page.click(f"{ME} .btn-clear")
        page.wait_for(f"!document.querySelector('{ME} .live-responses-table')")
    page.click(f"{ME} .execute")
    page.wait_for(ANSWERED_STATUS)
    page.scroll_to(f"{ME} .responses-wrapper")


def fill_login(page: Page, password: str) -> None:
    """Type the demo user and `password` into the Authorize dialog's password flow."""
    page.clear("#oauth_username")
    page.type_into("#oauth_username", DEMO_EMAIL)
    page.clear("#oauth_password")
    page.type_into("#oauth_password", password)


def record(base_url: str, out_dir: Path) -> list[Path]:
    """Drive the login through /docs; the screenshots, in order."""
    shots: list[Path] = []

    def shot(page: Page, name: str) -> None:
        shots.append(out_dir / name)
        page.screenshot(shots[-1])

    with chromium_page() as page:
        page.send("Page.navigate", url=f"{base_url}/docs")
        page.element(f"{ME}")
        shot(page, "01-docs.png")

        try_users_me(page, first_time=True)
        shot(page, "02-users-me-without-token-401.png")

        page.evaluate("window.scrollTo(0, 0)")
        page.click(".auth-wrapper .authorize")
        fill_login(page, "not-the-password")
        page.click(".auth-btn-wrapper .modal-btn.authorize")
        page.wait_for("!!document.querySelector('.modal-ux .errors')")
        shot(page, "03-authorize-wrong-password-invalid-grant.png")

        fill_login(page, DEMO_PASSWORD)
        shot(page, "04-authorize-dialog.png")
        page.click(".auth-btn-wrapper .modal-btn.authorize")
        # Once authorized, the dialog's button turns into "Logout".
        page.element(".auth-btn-wrapper [aria-label='Remove authorization']")
        page.evaluate("document.querySelector('.errors-wrapper .errors__clear-btn')?.click()")
        shot(page, "05-authorized.png")

        page.click(".auth-btn-wrapper .btn-done")
        try_users_me(page, first_time=False)
        shot(page, "06-users-me-with-token-200.png")
        status = page.evaluate(ANSWERED_STATUS)
        if status != "200":
            raise RuntimeError(f"GET /users/me after Authorize answered {status}, not 200")
    return shots


def make_gif(shots: list[Path], out: Path) -> None:
    """The screenshots as one looping GIF, two and a half seconds a frame."""
    frames = [Image.open(path).convert("RGB").quantize(colors=128) for path in shots]
    frames[0].save(out, save_all=True, append_images=frames[1:], duration=2500, loop=0)
    print(f"wrote {out.name} ({out.stat().st_size // 1024} KB)")


def main() -> None:
    """Serve the app, log in through Swagger UI, write the screenshots and the GIF."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR, help="folder for the images")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL")
    if not database_url:
        raise SystemExit("DATABASE_URL is not set: DATABASE_URL=$(make -s db-url 48) ...")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with serving(database_url) as base_url:
        register_demo_user(base_url)
        shots = record(base_url, args.out_dir)
    make_gif(shots, args.out_dir / "demo.gif")


if __name__ == "__main__":
    main()
