"""Password hashing: bcrypt through passlib, off the event loop."""

import anyio.to_thread
from passlib.context import CryptContext


class PasswordHasher:
    """Hashes and verifies passwords with bcrypt at the configured cost."""

    def __init__(self, rounds: int) -> None:
        self._context = CryptContext(schemes=["bcrypt"], bcrypt__rounds=rounds)

    async def hash(self, password: str) -> str:
        """The bcrypt hash of `password`. Hashing is CPU work (about 250 ms at 12 rounds), so
        it runs in a worker thread: the event loop keeps serving other requests meanwhile."""
        return await anyio.to_thread.run_sync(self._context.hash, password)

    def verify(self, password: str, hashed: str) -> bool:
        """Whether `password` matches `hashed` (blocking: for scripts and tests)."""
        return bool(self._context.verify(password, hashed))
