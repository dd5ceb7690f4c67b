"""Day 50: logout (POST /token/revoke) and logout everywhere (DELETE /users/me/sessions)."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.refresh_tokens import new_refresh_token, revoke_all, revoke_family
from conftest import FrozenClock
from tests.helpers import (
    assert_refused_access,
    assert_refused_refresh,
    family_of,
    login,
    me,
    payload_of,
    refresh,
    refreshed,
    register,
)

pytestmark = pytest.mark.day(50)


def revoke(client: TestClient, refresh_token: str) -> None:
    response = client.post("/token/revoke", json={"refresh_token": refresh_token})
    assert response.status_code == 200 and response.content == b"", (
        f"Called POST /token/revoke. Got {response.status_code} {response.text!r}, expected "
        "200 with an empty body (RFC 7009)"
    )


def test_logout_ends_the_session_for_the_refresh_and_the_access_token(
    client: TestClient, db_session: Session
) -> None:
    register(client)
    tokens = login(client)
    revoke(client, tokens["refresh_token"])
    assert_refused_refresh(refresh(client, tokens["refresh_token"]), "a logged-out token")
    assert_refused_access(me(client, tokens["access_token"]), "the logged-out session's token")
    family = family_of(db_session, tokens["access_token"])
    assert family["revoked_reason"] == "logout", (
        f"Read the family after a logout. Got revoked_reason {family['revoked_reason']!r}"
    )


def test_logout_with_an_older_token_of_the_session_ends_it_too(client: TestClient) -> None:
    register(client)
    first = login(client)
    newest = refreshed(client, first["refresh_token"])
    revoke(client, first["refresh_token"])
    assert_refused_refresh(refresh(client, newest["refresh_token"]), "the newest token")


def test_logout_leaves_the_users_other_sessions_alone(client: TestClient) -> None:
    register(client)
    laptop, phone = login(client), login(client)
    revoke(client, laptop["refresh_token"])
    assert_refused_access(
        me(client, laptop["access_token"]), "the logged-out laptop's token (the phone's is live)"
    )
    assert me(client, phone["access_token"]).status_code == 200
    refreshed(client, phone["refresh_token"])


def test_revoking_an_unknown_token_answers_the_same_and_changes_nothing(
    client: TestClient, db_session: Session
) -> None:
    register(client)
    tokens = login(client)
    revoke(client, new_refresh_token())
    revoked = db_session.execute(
        text("SELECT count(*) FROM token_families WHERE revoked_at IS NOT NULL")
    ).scalar_one()
    assert revoked == 0, f"Revoked an unknown token. Got {revoked} sessions revoked, expected 0"
    refreshed(client, tokens["refresh_token"])


def test_logout_everywhere_ends_every_session_of_the_user_and_no_one_elses(
    client: TestClient,
) -> None:
    register(client)
    register(client, "bob@example.com")
    laptop, phone = login(client), login(client)
    bob = login(client, "bob@example.com")
    response = client.delete(
        "/users/me/sessions", headers={"Authorization": f"Bearer {laptop['access_token']}"}
    )
    assert response.status_code == 204, (
        f"Called DELETE /users/me/sessions. Got {response.status_code}, expected 204"
    )
    for name, tokens in (("laptop", laptop), ("phone", phone)):
        assert_refused_refresh(refresh(client, tokens["refresh_token"]), f"the {name}'s token")
        assert_refused_access(me(client, tokens["access_token"]), f"the {name}'s access token")
    assert me(client, bob["access_token"]).status_code == 200, (
        "Ada logged out everywhere. Got Bob's session ended too, expected only Ada's"
    )


def test_logout_everywhere_needs_an_access_token(client: TestClient) -> None:
    register(client)
    tokens = login(client)
    response = client.delete(
        "/users/me/sessions", headers={"Authorization": f"Bearer {tokens['refresh_token']}"}
    )
    assert response.status_code == 401, (
        f"Called DELETE /users/me/sessions with a refresh token as bearer. Got "
        f"{response.status_code}, expected 401"
    )
    refreshed(client, tokens["refresh_token"])


def test_a_session_is_revoked_once_and_keeps_its_first_reason(
    client: TestClient, db_session: Session, clock: FrozenClock
) -> None:
    user_id = register(client)
    laptop, phone, tablet = login(client), login(client), login(client)
    revoke(client, laptop["refresh_token"])
    first = family_of(db_session, laptop["access_token"])
    clock.advance(timedelta(minutes=1))
    laptop_id = uuid.UUID(payload_of(laptop["access_token"])["sid"])
    again = revoke_family(db_session, laptop_id, "reuse", clock.now)
    assert again is False, (
        f"Called revoke_family on a session already revoked. Got {again!r}, expected False"
    )
    revoked = revoke_all(db_session, user_id, "logout", clock.now)
    assert revoked == 2, (
        f"Called revoke_all with 2 live sessions and 1 revoked. Got {revoked}, expected 2"
    )
    db_session.expire_all()
    later = family_of(db_session, laptop["access_token"])
    assert (later["revoked_at"], later["revoked_reason"]) == (first["revoked_at"], "logout"), (
        f"Revoked a revoked session again. Got revoked_at {later['revoked_at']} and reason "
        f"{later['revoked_reason']!r}, expected the first revocation kept"
    )
    phone_id = uuid.UUID(payload_of(phone["access_token"])["sid"])
    tablet_id = uuid.UUID(payload_of(tablet["access_token"])["sid"])
    db_session.execute(
        text("UPDATE token_families SET revoked_at = NULL WHERE id = :id"), {"id": tablet_id}
    )
    assert revoke_family(db_session, tablet_id, "logout", clock.now) is True, (
        "Called revoke_family on a live session. Expected True"
    )
    assert revoke_family(db_session, phone_id, "logout", clock.now) is False
