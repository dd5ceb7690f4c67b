"""Password hashing: argon2id for every new hash; bcrypt hashes verified, then upgraded.

passlib's CryptContext (from libpass, its maintained fork) reads the scheme and the
parameters from the stored hash itself; `verify_and_update` says when a hash is weaker
than what the context makes today, so a legacy bcrypt user is rehashed at their next
login. Hashing takes milliseconds of CPU on purpose: the async wrappers run it in a
worker thread (argon2-cffi releases the GIL), so one login never stalls other requests;
at most one hash per CPU runs at a time: each takes 19 MiB, so a burst of logins waits
for a slot instead of taking the memory of forty threads.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading

from passlib.context import CryptContext
from starlette.concurrency import run_in_threadpool

from app.config import Settings

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
"""Long passphrases are welcome; the bound keeps anyone from making us hash megabytes."""
BCRYPT_MAX_BYTES = 72
"""bcrypt reads only the first 72 bytes (bcrypt 5 raises beyond): never truncate silently."""
BCRYPT_ROUNDS = 12
HASH_SLOTS = max(2, os.cpu_count() or 2)

logger = logging.getLogger(__name__)


class PasswordHasher:
    """Hashes with argon2id, verifies argon2id and bcrypt, and says what to rehash."""

    def __init__(self, settings: Settings) -> None:
        """A context whose argon2id parameters come from `settings` (tests make them cheap)."""
        self.context = CryptContext(
            schemes=["argon2", "bcrypt"],
            deprecated="auto",  # every scheme but the first needs an update: bcrypt
            argon2__type="ID",  # pragma: no mutate (passlib's default type is ID)
            argon2__memory_cost=settings.argon2_memory_kib,
            argon2__time_cost=settings.argon2_time_cost,
            argon2__parallelism=settings.argon2_parallelism,
            bcrypt__rounds=BCRYPT_ROUNDS,  # pragma: no mutate (bcrypt only verifies)
        )
        self._slots = threading.BoundedSemaphore(HASH_SLOTS)
        # A hash of a secret nobody knows, made with today's parameters: checking an
        # unknown user's password against it costs what checking a real one costs.
        secret = secrets.token_urlsafe(32)  # pragma: no mutate (any unknowable secret)
        self.dummy_hash = self.context.hash(secret)

    def hash(self, password: str) -> str:
        """An argon2id hash (`$argon2id$v=19$m=...`); ValueError over MAX_PASSWORD_LENGTH."""
        if len(password) > MAX_PASSWORD_LENGTH:
            raise ValueError(f"a password has at most {MAX_PASSWORD_LENGTH} characters")
        with self._slots:
            return self.context.hash(password)

    def verify_and_update(self, password: str, hashed: str) -> tuple[bool, str | None]:
        """(valid, new_hash): new_hash is a fresh argon2id hash when `hashed` is outdated.

        Never raises: a hash it cannot read (plain text, truncated, unknown scheme) and a
        password over the bounds verify nothing.
        """
        if len(password) > MAX_PASSWORD_LENGTH:
            return False, None
        scheme = self.context.identify(hashed, required=False)
        if scheme is None:
            logger.warning("a stored password hash has an unknown format")  # pragma: no mutate
            return False, None
        if scheme == "bcrypt" and len(password.encode()) > BCRYPT_MAX_BYTES:
            # Older bcrypt matched such a password with the hash of its 72-byte prefix:
            # no password over 72 bytes can be a bcrypt user's, whatever the backend does.
            return False, None
        try:
            with self._slots:
                return self.context.verify_and_update(password, hashed)
        except ValueError as error:  # a damaged hash; a NUL byte checked against bcrypt
            logger.warning("a stored %s hash is damaged (%s)", scheme, error)  # pragma: no mutate
            return False, None

    async def hash_async(self, password: str) -> str:
        """hash() in a worker thread."""
        return await run_in_threadpool(self.hash, password)

    async def verify_async(self, password: str, hashed: str | None) -> tuple[bool, str | None]:
        """verify_and_update() in a worker thread; `hashed=None` spends the same time on the
        dummy hash and answers (False, None), so an unknown user looks like a wrong password."""
        if hashed is None:
            await run_in_threadpool(self.verify_and_update, password, self.dummy_hash)
            return False, None
        return await run_in_threadpool(self.verify_and_update, password, hashed)
