"""Day 50: the database holds a hash of each refresh token, never the token."""

from __future__ import annotations

import hashlib
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.refresh_tokens import hash_refresh_token, new_refresh_token
from tests.helpers import login, refreshed, register

pytestmark = pytest.mark.day(50)


def test_hash_refresh_token_is_the_sha256_in_hex() -> None:
    got = hash_refresh_token("a-token")
    expected = hashlib.sha256(b"a-token").hexdigest()
    assert got == expected, (
        f"Called hash_refresh_token('a-token'). Got {got!r}, expected {expected!r}"
    )


def test_new_refresh_token_is_256_random_bits_in_base64url() -> None:
    tokens = {new_refresh_token() for _ in range(100)}
    assert len(tokens) == 100, "Called new_refresh_token() 100 times. Got repeats"
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", token), (
            f"Called new_refresh_token(). Got {token!r}, expected 43+ base64url characters "
            "(secrets.token_urlsafe(32))"
        )


def test_the_database_stores_only_the_sha256_of_each_refresh_token(
    client: TestClient, db_session: Session
) -> None:
    register(client)
    first = login(client)["refresh_token"]
    second = refreshed(client, first)["refresh_token"]
    stored = set(db_session.execute(text("SELECT token_hash FROM refresh_tokens")).scalars())
    expected = {hashlib.sha256(token.encode()).hexdigest() for token in (first, second)}
    assert stored == expected, (
        f"Logged in and refreshed once, then read refresh_tokens.token_hash. Got {stored}, "
        f"expected the SHA-256 (hex) of both tokens {expected}"
    )
    rows = db_session.execute(
        text("SELECT t::text FROM refresh_tokens t UNION ALL SELECT f::text FROM token_families f")
    ).scalars()
    dump = "\n".join(rows)
    for token in (first, second):
        assert token not in dump, (
            "Read every row of refresh_tokens and token_families. Found a refresh token in "
            "clear: whoever reads a backup could use it"
        )
