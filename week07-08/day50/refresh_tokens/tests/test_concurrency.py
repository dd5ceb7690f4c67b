"""Day 50: many refreshes racing with one token: exactly one wins (real commits, threads)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from app.config import Settings
from app.database import make_session_factory
from app.models import User
from app.refresh_tokens import InvalidRefreshToken, rotate, start_session

pytestmark = pytest.mark.day(50)

RACERS = 8


@pytest.mark.hint(
    "Claim the token with one conditional UPDATE ... WHERE used_at IS NULL RETURNING, "
    "or SELECT ... FOR UPDATE: a read, then a separate write, lets several through."
)
def test_refreshes_racing_with_one_token_let_exactly_one_through(
    committed_database_url: str, settings: Settings
) -> None:
    engine = create_engine(committed_database_url, pool_size=RACERS)
    sessions = make_session_factory(engine)
    now = datetime.now(UTC)
    try:
        with sessions() as db:
            user = User(email="ada@example.com", hashed_password="not-needed-here")
            db.add(user)
            db.commit()
            token = start_session(db, settings, user, now).refresh_token
        start = threading.Barrier(RACERS)

        def race() -> str:
            with sessions() as db:
                db.connection()  # connect before the start line, not after it
                start.wait()
                try:
                    rotate(db, settings, token, now)
                except InvalidRefreshToken:
                    return "refused"
                return "new pair"

        with ThreadPoolExecutor(RACERS) as pool:
            results = list(pool.map(lambda _: race(), range(RACERS)))
        with engine.connect() as connection:
            issued = connection.execute(text("SELECT count(*) FROM refresh_tokens")).scalar_one()
    finally:
        engine.dispose()
    winners = results.count("new pair")
    assert winners == 1, (
        f"Called rotate() from {RACERS} threads at once with one token. Got {winners} new "
        "pairs, expected exactly 1"
    )
    assert issued == 2, (
        f"After the race, counted refresh tokens. Got {issued}, expected 2 (the one spent, one new)"
    )
