"""Day 53: one transaction per use case, and events delivered only after its commit.

Checked on the shared UnitOfWork and EventBus directly, against PostgreSQL: a handler
must never act on something that was rolled back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.config import Settings
from app.shared.clock import AppClock
from app.shared.events import Event, EventBus, EventContext
from app.shared.mail import OutboxMailer
from app.shared.monitoring import Counters
from app.shared.unit_of_work import UnitOfWork
from conftest import make_settings

pytestmark = [
    pytest.mark.day(53),
    pytest.mark.asyncio,
    pytest.mark.hint(
        "UnitOfWork.commit() commits, then hands the events published since __aenter__ to "
        "the bus; __aexit__ rolls back and drops them."
    ),
]


@dataclass(frozen=True)
class Thing(Event):
    name: str


class Recorder:
    """A bus whose handler writes down what it saw, and the session's state at that moment."""

    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        clock = AppClock()
        context = EventContext(OutboxMailer(), Counters(clock), settings, clock)
        self.bus = EventBus(context)
        self.seen: list[tuple[str, bool]] = []
        self.session = session
        self.bus.subscribe(Thing, self.handle)

    async def handle(self, event: Thing, context: EventContext) -> None:
        self.seen.append((event.name, self.session.in_transaction()))


async def names(session: AsyncSession) -> list[str]:
    rows = await session.execute(text("SELECT name FROM roles WHERE name LIKE 'uow-%' ORDER BY 1"))
    return [row[0] for row in rows]


async def insert(uow: UnitOfWork, name: str) -> None:
    await uow.session.execute(
        text("INSERT INTO roles (name, description) VALUES (:n, 'test')"), {"n": name}
    )


async def test_events_are_delivered_once_after_the_commit(
    async_db_session: AsyncSession, settings: Settings
) -> None:
    recorder = Recorder(async_db_session, settings)
    uow = UnitOfWork(async_db_session, recorder.bus)
    async with uow:
        await insert(uow, "uow-kept")
        uow.publish(Thing("kept"))
        assert recorder.seen == [], "Called uow.publish. Got the event delivered before commit"
        await uow.commit()
    got = (recorder.seen, await names(async_db_session))
    # in_transaction() is False: the handler ran after COMMIT, outside the transaction.
    expected = ([("kept", False)], ["uow-kept"])
    assert got == expected, f"Called a use case that commits. Got {got}, expected {expected}"


async def test_leaving_without_commit_rolls_back_and_drops_the_events(
    async_db_session: AsyncSession, settings: Settings
) -> None:
    recorder = Recorder(async_db_session, settings)
    uow = UnitOfWork(async_db_session, recorder.bus)
    async with uow:
        await insert(uow, "uow-forgotten")
        uow.publish(Thing("forgotten"))
    got = (recorder.seen, await names(async_db_session))
    assert got == ([], []), f"Called a use case without commit. Got {got}, expected ([], [])"


async def test_an_error_rolls_back_drops_the_events_and_propagates(
    async_db_session: AsyncSession, settings: Settings
) -> None:
    recorder = Recorder(async_db_session, settings)
    uow = UnitOfWork(async_db_session, recorder.bus)
    with pytest.raises(LookupError):
        async with uow:
            await insert(uow, "uow-refused")
            uow.publish(Thing("refused"))
            raise LookupError("a rule refused the use case")
    got = (recorder.seen, await names(async_db_session))
    assert got == ([], []), f"Called a use case that raises. Got {got}, expected ([], [])"


async def test_a_failed_commit_delivers_nothing(
    async_db_session: AsyncSession, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = Recorder(async_db_session, settings)
    uow = UnitOfWork(async_db_session, recorder.bus)

    async def broken_commit() -> None:
        raise ConnectionError("the server went away during COMMIT")

    monkeypatch.setattr(async_db_session, "commit", broken_commit)
    with pytest.raises(ConnectionError):
        async with uow:
            uow.publish(Thing("lost"))
            await uow.commit()
    assert recorder.seen == [], f"Called a commit that fails. Got {recorder.seen} delivered"


async def test_events_of_a_rolled_back_block_do_not_leak_into_the_next(
    async_db_session: AsyncSession, settings: Settings
) -> None:
    recorder = Recorder(async_db_session, settings)
    uow = UnitOfWork(async_db_session, recorder.bus)
    async with uow:
        uow.publish(Thing("first"))
    async with uow:
        uow.publish(Thing("second"))
        await uow.commit()
    assert recorder.seen == [("second", False)], (
        f"Called two blocks, the first rolled back. Got {recorder.seen}, expected only 'second'"
    )


async def test_a_failing_handler_is_logged_and_the_others_still_run(
    async_db_session: AsyncSession, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder(async_db_session, settings)

    async def broken(event: Thing, context: EventContext) -> None:
        raise RuntimeError("the mail server is down")

    recorder.bus.subscribe(Thing, broken)
    recorder.bus.subscribe(Thing, recorder.handle)
    uow = UnitOfWork(async_db_session, recorder.bus)
    async with uow:
        uow.publish(Thing("x"))
        await uow.commit()
    assert [name for name, _ in recorder.seen] == ["x", "x"], (
        f"Called a commit with a failing handler between two others. Got {recorder.seen}"
    )
    assert "the mail server is down" in caplog.text, "Expected the handler's failure logged"


async def test_the_bus_lists_handlers_in_order_and_drops_unheard_events() -> None:
    clock = AppClock()
    settings = make_settings("postgresql://unused/unused")
    given = EventContext(OutboxMailer(), Counters(clock), settings, clock)
    bus = EventBus(given)
    contexts: list[EventContext] = []

    async def first(event: Thing, context: EventContext) -> None:
        contexts.append(context)

    async def second(event: Thing, context: EventContext) -> None: ...

    bus.subscribe(Thing, first)
    bus.subscribe(Thing, second)
    got = (bus.handlers(Thing), bus.handlers(Event))
    assert got == ([first, second], []), (
        f"Called handlers(Thing) after two subscriptions, and handlers(Event). Got {got}"
    )
    await bus.deliver([Event()])  # nobody subscribed to it: dropped, never an error
    await bus.deliver([Thing("x")])
    assert contexts == [given], f"Called deliver. Got the handler's context {contexts}"
