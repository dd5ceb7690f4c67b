"""Day 20: the access-log middleware and the X-Process-Time header middleware."""

import asyncio
import logging
import re

import pytest
from fastapi.testclient import TestClient

from conftest import EMAIL_DELAY_SECONDS
from main import create_app

pytestmark = pytest.mark.day(20)

ACCESS = "background_api.access"
ACCESS_LINE = re.compile(
    r"(?P<method>[A-Z]+) (?P<path>\S+) (?P<status>\d{3}) (?P<ms>\d+(\.\d+)?)ms"
)


def access_records(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str, int, float | None]]:
    """The (method, path, status, duration_ms) of every access log line captured.

    A line not in the form "<METHOD> <path> <status> <ms>ms" is kept as (line, "", 0, None).
    """
    records: list[tuple[str, str, int, float | None]] = []
    for message in (r.getMessage() for r in caplog.records if r.name == ACCESS):
        line = ACCESS_LINE.fullmatch(message)
        if line is None:
            records.append((message, "", 0, None))
        else:
            method, path, status, ms = line.group("method", "path", "status", "ms")
            records.append((method, path, int(status), float(ms)))
    return records


@pytest.mark.parametrize(
    ("method", "path", "expected_status"),
    [("GET", "/outbox", 200), ("GET", "/nowhere", 404), ("POST", "/users", 422)],
)
def test_each_request_is_logged_with_method_path_status_and_duration(
    client: TestClient,
    caplog: pytest.LogCaptureFixture,
    method: str,
    path: str,
    expected_status: int,
) -> None:
    caplog.set_level(logging.INFO, logger=ACCESS)
    client.request(method, path, json={} if method == "POST" else None)
    records = access_records(caplog)
    assert [r[:3] for r in records] == [(method, path, expected_status)], (
        f"Called {method} {path}. Got access log {records}, "
        f"expected one line '{method} {path} {expected_status} <ms>ms'"
    )
    duration_ms = records[0][3]
    assert isinstance(duration_ms, float) and 0 <= duration_ms < 5000, (
        f"Called {method} {path}. Got duration {duration_ms!r}, expected milliseconds"
    )


def test_logged_duration_excludes_the_background_email(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="background_api")
    client.post("/users", json={"name": "Ada", "email": "ada@example.com"})
    messages = [record.getMessage() for record in caplog.records]
    access = [i for i, m in enumerate(messages) if m.startswith("POST /users 201 ")]
    sent = [i for i, m in enumerate(messages) if m == "welcome email sent to ada@example.com"]
    assert access and sent and access[0] < sent[0], (
        f"Called POST /users. Got log {messages}, expected 'POST /users 201 <ms>ms' "
        "before 'welcome email sent to ada@example.com'"
    )
    duration_ms = access_records(caplog)[0][3]
    assert isinstance(duration_ms, float) and duration_ms < EMAIL_DELAY_SECONDS * 1000 / 2, (
        f"Called POST /users. Got logged duration {duration_ms} ms, "
        f"expected far less than the {EMAIL_DELAY_SECONDS * 1000:.0f} ms email"
    )


def test_duration_and_process_time_measure_a_slow_request(caplog: pytest.LogCaptureFixture) -> None:
    # A route that takes 0.2 s: the log counts milliseconds, the header seconds.
    async def nap() -> dict[str, str]:
        await asyncio.sleep(0.2)
        return {}

    app = create_app(EMAIL_DELAY_SECONDS)
    app.add_api_route("/nap", nap)
    caplog.set_level(logging.INFO, logger=ACCESS)
    with TestClient(app) as client:
        header = client.get("/nap").headers.get("X-Process-Time")
    records = access_records(caplog)
    duration_ms = records[0][3] if records else None
    assert duration_ms is not None and 200 <= duration_ms < 5000, (
        f"Called a route that sleeps 0.2 s. Got access log {records}, "
        "expected a duration of at least 200 (milliseconds)"
    )
    assert header is not None and 0.2 <= float(header) < 5, (
        f"Called a route that sleeps 0.2 s. Got X-Process-Time {header!r}, "
        "expected at least 0.2 (seconds)"
    )


def test_the_server_log_prints_each_access_line_with_its_time_and_logger(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As under uvicorn: the app's loggers have no handler until create_app adds one.
    app_logger = logging.getLogger("background_api")
    monkeypatch.setattr(app_logger, "handlers", [])
    monkeypatch.setattr(app_logger, "level", logging.NOTSET)
    with TestClient(create_app(EMAIL_DELAY_SECONDS)) as client:
        client.get("/outbox")
    printed = capsys.readouterr().err.splitlines()
    line = re.compile(r".*\d\d:\d\d:\d\d,\d{3} background_api\.access GET /outbox 200 [\d.]+ms")
    assert any(line.fullmatch(text) for text in printed), (
        f"Called GET /outbox on a new app. Got on stderr {printed}, "
        "expected '<time> background_api.access GET /outbox 200 <ms>ms'"
    )


@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/outbox"), ("GET", "/nowhere"), ("POST", "/users")]
)
def test_every_response_carries_x_process_time_in_seconds(
    client: TestClient, method: str, path: str
) -> None:
    response = client.request(method, path, json={} if method == "POST" else None)
    header = response.headers.get("X-Process-Time")
    assert header is not None, f"Called {method} {path}. Got no X-Process-Time header"
    assert 0 <= float(header) < 5, f"Called {method} {path}. Got X-Process-Time {header!r}"
