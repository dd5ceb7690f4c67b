"""Day 50: disabling a user ends their sessions at once, for refresh and access tokens."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.service import disable_user
from conftest import FrozenClock
from tests.helpers import (
    PASSWORD,
    assert_refused_access,
    assert_refused_refresh,
    login,
    me,
    refresh,
    register,
)

pytestmark = pytest.mark.day(50)


@pytest.mark.hint("Read the user (is_active) on every request and in every refresh.")
def test_a_user_disabled_in_the_database_is_refused_at_the_next_request(
    client: TestClient, db_session: Session
) -> None:
    user_id = register(client)
    tokens = login(client)
    # Only the flag, no session revoked: the per-request check alone must stop the tokens.
    db_session.execute(text("UPDATE users SET is_active = false WHERE id = :id"), {"id": user_id})
    assert_refused_access(me(client, tokens["access_token"]), "a disabled user's access token")
    assert_refused_refresh(refresh(client, tokens["refresh_token"]), "a disabled user's token")


def test_disable_user_revokes_every_session_for_good(
    client: TestClient, db_session: Session, clock: FrozenClock
) -> None:
    user_id = register(client)
    laptop, phone = login(client), login(client)
    disable_user(db_session, user_id, clock.now)
    reasons = db_session.execute(
        text("SELECT revoked_reason FROM token_families WHERE user_id = :id"), {"id": user_id}
    ).scalars()
    assert sorted(map(str, reasons)) == ["user_disabled", "user_disabled"], (
        "Called disable_user, then read the user's sessions. Expected both revoked with "
        "revoked_reason 'user_disabled'"
    )
    db_session.execute(text("UPDATE users SET is_active = true WHERE id = :id"), {"id": user_id})
    for name, tokens in (("laptop", laptop), ("phone", phone)):
        assert_refused_refresh(
            refresh(client, tokens["refresh_token"]), f"the {name}'s token after re-enabling"
        )
        assert_refused_access(me(client, tokens["access_token"]), f"the {name}'s access token")


def test_a_disabled_user_cannot_log_in(client: TestClient, db_session: Session) -> None:
    user_id = register(client)
    db_session.execute(text("UPDATE users SET is_active = false WHERE id = :id"), {"id": user_id})
    response = client.post("/token", data={"username": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 400 and "refresh_token" not in response.json(), (
        f"Called POST /token as a disabled user. Got {response.status_code} {response.text}, "
        "expected 400 invalid_grant and no tokens"
    )


def test_disable_user_disables_that_user_and_nobody_else(
    client: TestClient, db_session: Session, clock: FrozenClock
) -> None:
    ada = register(client)
    bob = register(client, "bob@example.com")
    bob_tokens = login(client, "bob@example.com")
    disable_user(db_session, ada, clock.now)
    active = dict(
        db_session.execute(
            text("SELECT id, is_active FROM users WHERE id IN (:ada, :bob)"),
            {"ada": ada, "bob": bob},
        ).all()
    )
    assert active == {ada: False, bob: True}, (
        f"Called disable_user(ada). Got is_active {active}, expected Ada false and Bob true"
    )
    response = client.post("/token", data={"username": "ada@example.com", "password": PASSWORD})
    assert response.status_code == 400, (
        f"Called POST /token after disable_user. Got {response.status_code}, expected 400"
    )
    assert me(client, bob_tokens["access_token"]).status_code == 200, (
        "Called disable_user(ada). Got Bob's session refused, expected it untouched"
    )
