"""The unit of work: one use case's transaction and the events it announces.

    async with uow:
        ...                  # read and write through repositories on uow.session
        uow.publish(event)   # kept until the commit
        await uow.commit()   # the use case's one commit; then the events are delivered

Leaving the block without commit() rolls back and drops the events. Nothing else in the
app commits: not the session dependency (FastAPI runs its teardown after the response),
not a repository. A use case that spans modules passes its `uow` to the other modules'
service functions, which work inside it and never commit.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession

from app.shared.events import Event, EventBus


class UnitOfWork:
    """A transaction on the request's session, with events delivered after its commit."""

    def __init__(self, session: AsyncSession, bus: EventBus | None = None) -> None:
        self.session = session
        self.bus = bus
        self._events: list[Event] = []

    async def __aenter__(self) -> Self:
        """Start the use case with no pending event."""
        self._events = []
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed (after a commit there is nothing left)."""
        await self.rollback()

    def publish(self, event: Event) -> None:
        """Announce `event` once this unit of work commits (never if it rolls back)."""
        self._events.append(event)

    async def commit(self) -> None:
        """COMMIT, then deliver the events published since the block began."""
        await self.session.commit()
        events, self._events = self._events, []
        if self.bus is not None:
            await self.bus.deliver(events)

    async def rollback(self) -> None:
        """ROLLBACK and forget the pending events (a no-op when nothing is pending).

        Objects are detached first: a rollback would expire them, and a use case that
        only read returns them for the response, which must not lazy-load.
        """
        self._events = []
        self.session.expunge_all()
        await self.session.rollback()
