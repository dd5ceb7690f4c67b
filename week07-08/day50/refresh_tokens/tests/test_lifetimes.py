"""Day 50: short access tokens, refresh tokens that die unused, sessions with an absolute end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.config import Settings
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


def test_an_expired_access_token_is_refused_and_the_refresh_token_gets_a_new_one(
    client: TestClient, settings: Settings, clock: FrozenClock
) -> None:
    register(client)
    tokens = login(client)
    clock.advance(timedelta(minutes=settings.access_token_expire_minutes))
    assert_refused_access(me(client, tokens["access_token"]), "an access token 15 minutes old")
    renewed = refreshed(client, tokens["refresh_token"])
    assert me(client, renewed["access_token"]).status_code == 200


def test_a_refresh_token_unused_for_its_lifetime_is_refused(
    client: TestClient, db_session: Session, settings: Settings, clock: FrozenClock
) -> None:
    register(client)
    tokens = login(client)
    clock.advance(timedelta(days=settings.refresh_token_expire_days))
    assert_refused_refresh(refresh(client, tokens["refresh_token"]), "a token 7 days old")
    family = family_of(db_session, tokens["access_token"])
    assert family["revoked_at"] is None, (
        f"Refreshed with an expired (never used) token. Got the session revoked "
        f"({family['revoked_reason']}), expected it left alone: expiry is not theft"
    )


@pytest.mark.hint("Cap every new token's expiry at the family's expires_at (min of the two).")
def test_refreshing_never_extends_a_session_past_its_absolute_end(
    client: TestClient, db_session: Session, settings: Settings, clock: FrozenClock
) -> None:
    register(client)
    tokens = login(client)
    family = family_of(db_session, tokens["access_token"])
    end = family["expires_at"]
    # A busy client refreshes every 6 days, well within the 7-day refresh lifetime.
    for _ in range(4):
        clock.advance(timedelta(days=6))
        tokens = refreshed(client, tokens["refresh_token"])
    latest = db_session.execute(
        text("SELECT max(expires_at) FROM refresh_tokens WHERE family_id = :f"),
        {"f": family["id"]},
    ).scalar_one()
    assert latest == end, (
        f"Refreshed on days 6, 12, 18, 24 of a 30-day session. Got the newest refresh token "
        f"expiring {latest}, expected the session's end {end}, not day 31"
    )
    clock.now = end - timedelta(minutes=10)
    tokens = refreshed(client, tokens["refresh_token"])
    exp = payload_of(tokens["access_token"])["exp"]
    assert (exp, tokens["expires_in"]) == (int(end.timestamp()), 600), (
        f"Refreshed 10 minutes before the session's end. Got exp {exp}, expires_in "
        f"{tokens['expires_in']}, expected exp at the end {int(end.timestamp())} and 600"
    )
    clock.now = end
    assert_refused_refresh(refresh(client, tokens["refresh_token"]), "a token of an ended session")
    assert_refused_access(
        me(client, tokens["access_token"]), "an access token at the session's end"
    )
