"""No password and no hash in any response or any log line, over the whole flow."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models import User
from tests.helpers import LEGACY_BCRYPT_12, LEGACY_PASSWORD

pytestmark = pytest.mark.day(45)

PASSWORD = "s3cret-Passphrase-9"
WRONG = "Wrong-Guess-Passphrase"
TOO_LONG = "T00-long-" + "x" * 130


@pytest.mark.hint("Log user ids, never what the client typed: the email field may hold a password.")
def test_no_password_or_hash_appears_in_any_response_or_log_line(
    client: TestClient, db_session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    db_session.add(User(email="old@example.com", hashed_password=LEGACY_BCRYPT_12))
    db_session.flush()
    steps = [
        ("/register", {"email": "ada@example.com", "password": PASSWORD}),
        ("/register", {"email": "ada@example.com", "password": PASSWORD}),  # 409
        ("/register", {"email": "bob@example.com", "password": "Sh0rt!"}),  # 422
        ("/register", {"email": "bob@example.com", "password": TOO_LONG}),  # 422
        ("/login", {"email": "ada@example.com", "password": PASSWORD}),  # 200
        ("/login", {"email": "ada@example.com", "password": WRONG}),  # 401
        ("/login", {"email": "nobody@example.com", "password": WRONG}),  # 401
        ("/login", {"email": "ada@example.com", "password": TOO_LONG}),  # 422
        ("/login", {"email": "old@example.com", "password": LEGACY_PASSWORD}),  # 200, upgrade
    ]
    statuses = []
    texts = []
    for path, body in steps:
        response = client.post(path, json=body)
        statuses.append(response.status_code)
        texts.append(f"{path} {response.status_code} {response.headers} {response.text}")
    assert statuses == [201, 409, 422, 422, 200, 401, 401, 422, 200], f"Got statuses {statuses}"

    hashes = [
        LEGACY_BCRYPT_12,
        *db_session.execute(text("SELECT hashed_password FROM users")).scalars(),
    ]
    secrets = [PASSWORD, WRONG, TOO_LONG, "Sh0rt!", LEGACY_PASSWORD, *hashes]
    log_lines = [caplog.text, *(record.getMessage() for record in caplog.records)]
    for secret in secrets:
        shown = secret[:12] + "..."
        for response_text in texts:
            assert secret not in response_text, (
                f"Found {shown} in a response: {response_text[:200]}"
            )
        for line in log_lines:
            assert secret not in line, f"Found {shown} in the log: {line[:200]}"
    app_records = [record for record in caplog.records if record.name.startswith("app")]
    assert len(app_records) >= 5, (
        f"Got {len(app_records)} log records from the app's loggers (app.*), expected one for "
        "each registration, login and upgrade, with user ids and no secrets"
    )


def test_each_registration_login_and_upgrade_is_logged_with_the_user_id(
    client: TestClient, db_session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    legacy = User(email="old@example.com", hashed_password=LEGACY_BCRYPT_12)
    db_session.add(legacy)
    db_session.flush()
    caplog.clear()
    response = client.post("/register", json={"email": "ada@example.com", "password": PASSWORD})
    ada = response.json()["id"]
    steps = [
        ("registration", None, 1, ada),
        ("right password", {"email": "ada@example.com", "password": PASSWORD}, 1, ada),
        ("wrong password", {"email": "ada@example.com", "password": WRONG}, 1, ada),
        ("upgrade", {"email": "old@example.com", "password": LEGACY_PASSWORD}, 2, legacy.id),
    ]
    for step, body, expected, user_id in steps:
        if body is not None:
            caplog.clear()
            client.post("/login", json=body)
        naming = [
            record.getMessage()
            for record in caplog.records
            if record.name.startswith("app")
            and re.search(rf"\b{user_id}\b", record.getMessage())
            and re.search("[a-z]", record.getMessage())  # a bare id says nothing
        ]
        assert len(naming) >= expected, (
            f"Read the app's log lines after a {step}. Got {naming}, expected at least "
            f"{expected} saying what happened to user id {user_id}"
        )
