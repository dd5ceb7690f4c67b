"""Password hashing: argon2id for every new hash; legacy bcrypt hashes verified, then upgraded.

passlib's CryptContext (from libpass, its maintained fork) knows both schemes: it reads the
scheme and the parameters from the hash string itself, and `verify_and_update` says when a
stored hash is weaker than what the context would make today.
"""

from __future__ import annotations

import logging
import secrets

from passlib.context import CryptContext

from app.config import Settings

MIN_PASSWORD_LENGTH = 8
# Long passphrases are welcome; the bound keeps an attacker from making us hash megabytes.
MAX_PASSWORD_LENGTH = 128
# bcrypt reads only the first 72 bytes of a password (bcrypt 5 raises beyond that).
BCRYPT_MAX_BYTES = 72
BCRYPT_ROUNDS = 12

logger = logging.getLogger(__name__)


class PasswordTooLong(ValueError):
    """A password over MAX_PASSWORD_LENGTH characters: refused, never truncated."""


class PasswordHasher:
    """Hashes with argon2id, verifies argon2id and bcrypt, and upgrades what is outdated."""

    def __init__(self, settings: Settings) -> None:
        """A context whose argon2id parameters come from `settings` (tests make them cheap)."""
        self.context = CryptContext(
            schemes=["argon2", "bcrypt"],
            # "auto": every scheme but the first is deprecated, so a bcrypt hash needs an update.
            deprecated="auto",
            argon2__type="ID",
            argon2__memory_cost=settings.argon2_memory_kib,
            argon2__time_cost=settings.argon2_time_cost,
            argon2__parallelism=settings.argon2_parallelism,
            bcrypt__rounds=BCRYPT_ROUNDS,
        )
        # The hash of a random secret nobody knows, with today's parameters: checking a
        # password against it costs exactly what checking a real user's password costs.
        self.dummy_hash = self.context.hash(secrets.token_urlsafe(32))

    def hash_password(self, password: str) -> str:
        """An argon2id hash (salted, `$argon2id$v=19$m=...`); PasswordTooLong if too long."""
        if len(password) > MAX_PASSWORD_LENGTH:
            raise PasswordTooLong(f"a password has at most {MAX_PASSWORD_LENGTH} characters")
        return self.context.hash(password)

    def verify_password(self, plain: str, hashed: str) -> bool:
        """True only if `plain` is exactly the password `hashed` was made from; never raises."""
        valid, _ = self.verify_and_update(plain, hashed)
        return valid

    def verify_and_update(self, plain: str, hashed: str) -> tuple[bool, str | None]:
        """(valid, new_hash): new_hash is a fresh argon2id hash when `hashed` is outdated.

        Outdated: bcrypt, or argon2 with other parameters than today's. new_hash is None
        when the password is wrong or the hash is current. Never raises: a hash that cannot
        be read (plain text, truncated, unknown scheme) verifies nothing.
        """
        if len(plain) > MAX_PASSWORD_LENGTH:
            return False, None
        scheme = self.context.identify(hashed, required=False)
        if scheme is None:
            # Not a hash this context knows (a plain-text password, say): never compare it.
            logger.warning("a stored password hash has an unknown format")  # pragma: no mutate
            return False, None
        if scheme == "bcrypt" and len(plain.encode()) > BCRYPT_MAX_BYTES:
            # bcrypt uses the first 72 bytes only: older releases matched such a password
            # with the hash of its prefix, bcrypt 5 raises. Decide here, whatever the backend
            # does: no password over 72 bytes can be a bcrypt user's.
            return False, None
        try:
            return self.context.verify_and_update(plain, hashed)
        except ValueError as error:  # a damaged hash; a NUL byte checked against bcrypt
            name = type(error).__name__  # pragma: no mutate
            logger.warning("a stored %s hash is damaged (%s)", scheme, name)  # pragma: no mutate
            return False, None

    def verify_dummy(self, plain: str) -> None:
        """Spend one real verification for a user who does not exist (same time, same answer)."""
        self.verify_and_update(plain, self.dummy_hash)
