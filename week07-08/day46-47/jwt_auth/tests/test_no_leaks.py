"""Day 47: no token, password or hash in any log line; the reason for a refusal is logged."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.config import Settings
from app.security import InvalidToken, decode_token
from conftest import FrozenClock
from tests.helpers import PASSWORD, register_and_login

pytestmark = pytest.mark.day(47)


def test_tokens_passwords_and_hashes_stay_out_of_the_log(
    client: TestClient, db_session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _, token = register_and_login(client)
    assert client.get("/users/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    refused = client.get("/users/me", headers={"Authorization": f"Bearer {tampered}"})
    assert refused.status_code == 401
    client.post("/login", json={"email": "ada@example.com", "password": "Wrong-Guess-99"})
    stored = str(db_session.execute(text("SELECT hashed_password FROM users")).scalar_one())
    signature = token.split(".")[2]
    for secret in (token, signature, tampered, PASSWORD, "Wrong-Guess-99", stored):
        assert secret not in caplog.text, f"Found {secret[:12]}... in the log"
    reasons = [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("app") and "token" in r.getMessage()
    ]
    assert reasons, (
        "Refused a tampered token. Expected a log line from the app's loggers (app.*) that says "
        "a token was refused and why, without the token itself"
    )


def test_each_refused_token_logs_its_reason_on_app_dependencies(
    client: TestClient,
    db_session: Session,
    settings: Settings,
    clock: FrozenClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="app.dependencies")
    user_id, token = register_and_login(client)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(InvalidToken) as refused:
        decode_token(tampered, settings=settings, now=clock)
    reason = str(refused.value)
    caplog.clear()
    assert (
        client.get("/users/me", headers={"Authorization": f"Bearer {tampered}"}).status_code == 401
    )
    lines = [r.getMessage() for r in caplog.records if r.name == "app.dependencies"]
    assert any("token" in line and reason in line for line in lines), (
        f"Called GET /users/me with a tampered token. Got log lines {lines} on app.dependencies, "
        f"expected one with the word token and decode_token's reason {reason!r}"
    )
    db_session.execute(text("DELETE FROM users WHERE id = :id"), {"id": user_id})
    db_session.flush()
    caplog.clear()
    assert client.get("/users/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    lines = [r.getMessage() for r in caplog.records if r.name == "app.dependencies"]
    assert any("token" in line for line in lines), (
        f"Called GET /users/me with the token of a deleted user. Got log lines {lines} on "
        "app.dependencies, expected one with the word token"
    )
