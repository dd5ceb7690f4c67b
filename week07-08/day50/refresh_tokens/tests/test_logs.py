"""Day 50: tokens never reach the logs; a reuse is logged as a warning for monitoring."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from tests.helpers import login, me, refresh, refreshed, register

pytestmark = pytest.mark.day(50)


def test_no_token_is_logged_and_a_reuse_is_a_warning(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="app")
    register(client)
    first = login(client)
    second = refreshed(client, first["refresh_token"])
    me(client, "not-a-token")
    refresh(client, first["refresh_token"])  # reuse
    client.post("/token/revoke", json={"refresh_token": second["refresh_token"]})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for token in (first, second):
        for kind in ("access_token", "refresh_token"):
            assert token[kind] not in logged, f"Found a {kind} in the app's log lines"
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings, (
        "Presented a used refresh token. Got no WARNING in the app's logs, expected one: "
        "a reuse is a sign of theft and should reach monitoring"
    )
