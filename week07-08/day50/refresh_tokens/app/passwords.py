"""Password hashing (day 45, trimmed): argon2id through passlib's CryptContext (libpass)."""

from __future__ import annotations

import secrets

from passlib.context import CryptContext

from app.config import Settings

MIN_PASSWORD_LENGTH = 8
# The bound keeps an attacker from making the server hash megabytes.
MAX_PASSWORD_LENGTH = 128


class PasswordHasher:
    """Hashes and verifies argon2id with the cost the settings name (tests make it cheap)."""

    def __init__(self, settings: Settings) -> None:
        self.context = CryptContext(
            schemes=["argon2"],
            argon2__type="ID",
            argon2__memory_cost=settings.argon2_memory_kib,
            argon2__time_cost=settings.argon2_time_cost,
            argon2__parallelism=settings.argon2_parallelism,
        )
        # Checked when the email is unknown: a failed login costs the same either way.
        self.dummy_hash = self.context.hash(secrets.token_urlsafe(32))

    def hash_password(self, password: str) -> str:
        """An argon2id hash of `password` (salted, `$argon2id$v=19$m=...`)."""
        return self.context.hash(password)

    def verify_password(self, plain: str, hashed: str | None) -> bool:
        """True only if `plain` is the password `hashed` was made from; None: the dummy hash."""
        if len(plain) > MAX_PASSWORD_LENGTH:
            return False
        try:
            return self.context.verify(plain, hashed if hashed is not None else self.dummy_hash)
        except ValueError:  # a damaged stored hash verifies nothing
            return False
