"""Day 50: POST /token/refresh spends the token presented and answers a new pair."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.refresh_tokens import hash_refresh_token
from conftest import FrozenClock
from tests.helpers import login, me, payload_of, refresh, refreshed, register

pytestmark = pytest.mark.day(50)


def test_refresh_answers_a_new_pair_in_the_same_session(
    client: TestClient, clock: FrozenClock
) -> None:
    user_id = register(client)
    old = login(client)
    response = refresh(client, old["refresh_token"])
    assert response.status_code == 200, f"Called POST /token/refresh. Got {response.status_code}"
    new = response.json()
    assert set(new) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert response.headers.get("Cache-Control") == "no-store"
    assert new["refresh_token"] != old["refresh_token"], (
        "Called POST /token/refresh. Got the same refresh token back, expected a new one"
    )
    assert new["access_token"] != old["access_token"]
    sids = (payload_of(old["access_token"])["sid"], payload_of(new["access_token"])["sid"])
    assert sids[0] == sids[1], f"Refreshed. Got sid {sids[1]}, expected the same session {sids[0]}"
    assert me(client, new["access_token"]).json()["id"] == user_id


@pytest.mark.hint("Rotation: mark the presented token used (used_at) in the same transaction.")
def test_the_token_presented_is_marked_used_and_the_new_one_joins_its_family(
    client: TestClient, db_session: Session, clock: FrozenClock
) -> None:
    register(client)
    old = login(client)["refresh_token"]
    new = refreshed(client, old)["refresh_token"]
    rows = {
        row.token_hash: row
        for row in db_session.execute(
            text("SELECT token_hash, family_id, used_at FROM refresh_tokens")
        )
    }
    spent, fresh = rows[hash_refresh_token(old)], rows[hash_refresh_token(new)]
    assert spent.used_at == clock.now, (
        f"Refreshed with a token, then read its row. Got used_at {spent.used_at}, expected the "
        f"time of the refresh {clock.now}"
    )
    assert fresh.used_at is None and fresh.family_id == spent.family_id, (
        f"Read the new token's row. Got {fresh}, expected unused, in family {spent.family_id}"
    )


def test_each_new_refresh_token_refreshes_again(client: TestClient) -> None:
    register(client)
    token = login(client)["refresh_token"]
    for _ in range(3):
        token = refreshed(client, token)["refresh_token"]
