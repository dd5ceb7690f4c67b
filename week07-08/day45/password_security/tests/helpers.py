"""Shared by the day 45 tests: reading argon2 hash strings, and the legacy hashes of 'before'."""

from __future__ import annotations

import re

import bcrypt

# A row from the old system: bcrypt at cost 12 of "legacy-password-2019" (made with the
# bcrypt package, not with the code under test).
LEGACY_PASSWORD = "legacy-password-2019"
LEGACY_BCRYPT_12 = "$2b$12$yAod.FI5wP4/CVqxOivr8.sQN1Sn/9bXk33NF4NgYLKZqDq88Rq52"

ARGON2 = re.compile(r"^\$(argon2id|argon2i|argon2d)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([^$]+)\$")


def argon2_parameters(hashed: str) -> dict[str, object]:
    """{"type", "version", "m", "t", "p", "salt"} read from an argon2 hash string."""
    match = ARGON2.match(hashed)
    assert match, (
        f"Expected an argon2 hash string ($argon2id$v=19$m=...,t=...,p=...$), got {hashed!r}"
    )
    kind, version, m, t, p, salt = match.groups()
    return {
        "type": kind,
        "version": int(version),
        "m": int(m),
        "t": int(t),
        "p": int(p),
        "salt": salt,
    }


def cheap_bcrypt(password: str | bytes) -> str:
    """A bcrypt hash at cost 4 (fast), as an old system would have stored it."""
    raw = password.encode() if isinstance(password, str) else password
    return bcrypt.hashpw(raw, bcrypt.gensalt(4)).decode()
