"""Day 50: a used refresh token that comes back means theft: the whole family is revoked."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.refresh_tokens import new_refresh_token
from tests.helpers import (
    assert_refused_access,
    assert_refused_refresh,
    family_of,
    login,
    me,
    refresh,
    refreshed,
    register,
)

pytestmark = pytest.mark.day(50)

REVOKE_THE_FAMILY = (
    "A used token came back: revoke its whole family (every token of the session, and the "
    "session itself), not just that token."
)


@pytest.mark.hint(REVOKE_THE_FAMILY)
def test_a_stolen_token_replayed_after_the_victim_refreshed_ends_the_session(
    client: TestClient, db_session: Session
) -> None:
    register(client)
    stolen = login(client)
    victim = refreshed(client, stolen["refresh_token"])  # the victim refreshes first
    assert_refused_refresh(refresh(client, stolen["refresh_token"]), "a used refresh token")
    # Whoever holds the newest pair (here: the victim) is logged out too: we cannot tell
    # the thief from the victim, so the session ends for both.
    assert_refused_refresh(
        refresh(client, victim["refresh_token"]), "the newest token of a family after a reuse"
    )
    assert_refused_access(me(client, victim["access_token"]), "an access token of that family")
    family = family_of(db_session, victim["access_token"])
    assert family["revoked_reason"] == "reuse", (
        f"Read the family after the reuse. Got revoked_reason {family['revoked_reason']!r}, "
        "expected 'reuse'"
    )


@pytest.mark.hint(REVOKE_THE_FAMILY)
def test_a_thief_who_refreshes_first_is_locked_out_when_the_victim_comes_back(
    client: TestClient,
) -> None:
    register(client)
    stolen = login(client)
    thief = refreshed(client, stolen["refresh_token"])  # the thief refreshes first
    assert_refused_refresh(refresh(client, stolen["refresh_token"]), "the victim's used token")
    assert_refused_refresh(refresh(client, thief["refresh_token"]), "the thief's newer token")
    assert_refused_access(me(client, thief["access_token"]), "the thief's access token")


def test_a_reuse_leaves_the_users_other_sessions_alone(client: TestClient) -> None:
    register(client)
    laptop, phone = login(client), login(client)
    refreshed(client, laptop["refresh_token"])
    refresh(client, laptop["refresh_token"])  # reuse on the laptop's session
    assert me(client, phone["access_token"]).status_code == 200, (
        "A reuse in one session. Got the user's other session refused, expected only the "
        "family of the reused token revoked"
    )
    refreshed(client, phone["refresh_token"])


def test_every_token_of_a_revoked_family_stays_refused(client: TestClient) -> None:
    register(client)
    first = login(client)
    second = refreshed(client, first["refresh_token"])
    third = refreshed(client, second["refresh_token"])
    refresh(client, first["refresh_token"])  # reuse: the family is revoked
    for name, token in (("first", first), ("second", second), ("third", third)):
        assert_refused_refresh(
            refresh(client, token["refresh_token"]), f"the {name} token of a revoked family"
        )


def test_an_unknown_refresh_token_revokes_no_session(client: TestClient) -> None:
    register(client)
    register(client, "bob@example.com")
    ada = login(client)
    newer = refreshed(client, ada["refresh_token"])  # a used token now exists in the table
    bob = login(client, "bob@example.com")
    refreshed(client, bob["refresh_token"])
    assert_refused_refresh(refresh(client, new_refresh_token()), "an unknown refresh token")
    assert me(client, newer["access_token"]).status_code == 200, (
        "Presented an unknown refresh token. Got Ada's session revoked, expected only a used "
        "token of a session to revoke that session"
    )
    refreshed(client, newer["refresh_token"])
