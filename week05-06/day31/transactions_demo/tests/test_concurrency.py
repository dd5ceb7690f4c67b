"""Transfers at the same time: no money appears or vanishes, no balance dips below zero."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bank.errors import InsufficientFunds
from bank.models import Account
from bank.transfers import transfer
from tests.helpers import (
    Rendezvous,
    any_statement,
    count_transfers,
    insert_account,
    read_balances,
    run_at_once,
    takes_a_row_lock,
)

pytestmark = pytest.mark.day(31)

Sessions = sessionmaker[Session]
Install = Callable[[Callable[[str], bool]], None]


@pytest.fixture
def accounts(committed_engine: Engine) -> list[int]:
    """Four committed accounts of 100.00 each."""
    with committed_engine.begin() as connection:
        return [insert_account(connection, f"a{n}@example.com", "100.00") for n in range(4)]


@pytest.fixture
def rendezvous(committed_engine: Engine) -> Iterator[Install]:
    """Install a Rendezvous on the committed engine for the rest of the test."""
    installed: list[Rendezvous] = []

    def install(matches: Callable[[str], bool]) -> None:
        installed.append(Rendezvous(committed_engine, matches))

    yield install
    for each in installed:
        each.close()


def transfer_job(
    sessions: Sessions, source: int, target: int, amount: Decimal
) -> Callable[[], str]:
    """A job for a thread: one transfer in a session of its own; "ok" or "insufficient"."""

    def job() -> str:
        with sessions() as db:
            try:
                transfer(db, source, target, amount)
            except InsufficientFunds:
                return "insufficient"
        return "ok"

    return job


@pytest.mark.hint("Lock both rows (SELECT ... FOR UPDATE) in id order before reading the balances.")
def test_fifty_concurrent_transfers_keep_the_total_and_never_overdraw(
    committed_engine: Engine, committed_sessions: Sessions, accounts: list[int]
) -> None:
    rng = random.Random(31)
    plan = []
    for _ in range(50):
        source, target = rng.sample(accounts, 2)
        plan.append((source, target, Decimal(rng.randint(1, 6000)) / 100))
    jobs = [transfer_job(committed_sessions, *step) for step in plan]
    with ThreadPoolExecutor(max_workers=10) as pool:
        futures = [pool.submit(job) for job in jobs]
        outcomes: list[object] = []
        for future in futures:
            try:
                outcomes.append(future.result(timeout=30))
            except Exception as error:
                outcomes.append(error)
    errors = [repr(outcome) for outcome in outcomes if outcome not in ("ok", "insufficient")]
    with committed_engine.connect() as connection:
        balances = read_balances(connection)
        recorded = count_transfers(connection)
    expected = dict.fromkeys(accounts, Decimal("100.00"))
    for (source, target, amount), outcome in zip(plan, outcomes, strict=True):
        if outcome == "ok":
            expected[source] -= amount
            expected[target] += amount
    succeeded = outcomes.count("ok")
    call = "Called transfer 50 times at once from 10 threads"
    assert errors == [], f"{call}. Got errors {errors[:3]}, expected only InsufficientFunds"
    assert sum(balances.values()) == Decimal("400.00"), f"{call}. Got total {balances}, 400.00"
    assert min(balances.values()) >= 0, f"{call}. Got balances {balances}, none below 0"
    assert balances == expected, f"{call}. Got {balances}, expected {expected} from the successes"
    assert recorded == succeeded, f"{call}. Got {recorded} transfer rows, expected {succeeded}"


@pytest.mark.hint(
    "Check the balance read by SELECT ... FOR UPDATE (populate_existing), not an older one."
)
def test_two_transfers_reading_the_same_balance_at_once_lose_no_update(
    committed_engine: Engine, committed_sessions: Sessions, accounts: list[int], rendezvous: Install
) -> None:
    first, second, third = accounts[:3]
    rendezvous(any_statement)  # both transfers have run their first statement before either goes on
    outcomes = run_at_once(
        [
            transfer_job(committed_sessions, first, second, Decimal("60.00")),
            transfer_job(committed_sessions, first, third, Decimal("30.00")),
        ]
    )
    with committed_engine.connect() as connection:
        balances = read_balances(connection)
    got = [balances[first], balances[second], balances[third]]
    expected = [Decimal("10.00"), Decimal("160.00"), Decimal("130.00")]
    call = "Called transfer 60.00 and 30.00 from one account of 100.00 at once"
    assert outcomes == ["ok", "ok"], f"{call}. Got {outcomes}, expected ['ok', 'ok']"
    assert got == expected, f"{call}. Got balances {got}, expected {expected}"


@pytest.mark.hint("Take the row locks in one consistent order (by id), whatever the direction.")
def test_opposite_transfers_at_once_do_not_deadlock(
    committed_engine: Engine, committed_sessions: Sessions, accounts: list[int], rendezvous: Install
) -> None:
    first, second = accounts[:2]
    rendezvous(takes_a_row_lock)  # each has locked its first row before either locks its second
    outcomes = run_at_once(
        [
            transfer_job(committed_sessions, first, second, Decimal("10.00")),
            transfer_job(committed_sessions, second, first, Decimal("25.00")),
        ]
    )
    with committed_engine.connect() as connection:
        balances = read_balances(connection)
    got = [balances[first], balances[second]]
    expected = [Decimal("115.00"), Decimal("85.00")]
    call = "Called transfer a -> b and b -> a at once"
    assert outcomes == ["ok", "ok"], f"{call}. Got {outcomes}, expected ['ok', 'ok'] (no deadlock)"
    assert got == expected, f"{call}. Got balances {got}, expected {expected}"


def waiting_for_a_lock(engine: Engine, timeout: float = 5) -> bool:
    """Whether a connection of this database is seen waiting for a lock within `timeout`."""
    query = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    deadline = time.monotonic() + timeout
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as monitor:
        while time.monotonic() < deadline:
            if monitor.execute(query).scalar_one() > 0:
                return True
            time.sleep(0.02)
    return False


def is_locked(engine: Engine, account_id: int) -> bool:
    """Whether another transaction holds this account's row lock (FOR UPDATE NOWAIT fails)."""
    with engine.connect() as probe, probe.begin():
        try:
            probe.execute(
                text("SELECT id FROM accounts WHERE id = :id FOR UPDATE NOWAIT"), {"id": account_id}
            )
        except OperationalError:
            return True
    return False


@pytest.mark.hint("ORDER BY id in the locking SELECT: the rows are locked in sort order.")
@pytest.mark.parametrize("direction", ["lower to higher", "higher to lower"])
def test_a_transfer_locks_the_lower_id_first_whatever_the_storage_order(
    committed_engine: Engine, committed_sessions: Sessions, accounts: list[int], direction: str
) -> None:
    low, high = accounts[:2]
    with committed_engine.begin() as connection:  # low's row now sits after high's on disk
        connection.execute(text("UPDATE accounts SET name = name WHERE id = :id"), {"id": low})
    source, target = (low, high) if direction == "lower to higher" else (high, low)

    def job() -> str:
        with committed_sessions() as db:
            # A plan that reads the table in storage order, as PostgreSQL may pick for any table.
            db.execute(text("SET LOCAL enable_indexscan = off"))
            db.execute(text("SET LOCAL enable_bitmapscan = off"))
            transfer(db, source, target, Decimal("10.00"))
        return "ok"

    with committed_engine.connect() as blocker, ThreadPoolExecutor(max_workers=1) as pool:
        blocker.begin()
        blocker.execute(text("SELECT id FROM accounts WHERE id = :id FOR UPDATE"), {"id": high})
        outcome = pool.submit(job)
        waits = waiting_for_a_lock(committed_engine)
        holds_low = is_locked(committed_engine, low)
        blocker.rollback()
        result = outcome.result(timeout=30)
    call = f"Called transfer {direction} while another transaction held the higher id's row"
    assert waits, f"{call}. Got no transfer waiting for that row, expected it to wait"
    assert holds_low, f"{call}. Got the lower id's row unlocked meanwhile, expected it locked first"
    assert result == "ok", f"{call}. Got {result!r} once the row was free, expected 'ok'"


@pytest.mark.hint("populate_existing=True: the locked read must replace the session's older copy.")
def test_transfer_checks_the_locked_balance_not_an_older_copy_the_session_holds(
    committed_engine: Engine, committed_sessions: Sessions, accounts: list[int]
) -> None:
    first, second = accounts[:2]
    spend = text("UPDATE accounts SET balance = 40.00 WHERE id = :id")
    with committed_sessions() as db:
        # The session now holds first at 100.00 (referenced: the identity map keeps only that).
        _held = db.get(Account, first)
        with committed_engine.begin() as other:  # another transaction spends 60.00 meanwhile
            other.execute(spend, {"id": first})
        with pytest.raises(InsufficientFunds):
            transfer(db, first, second, Decimal("60.00"))
    with committed_engine.connect() as connection:
        balances = read_balances(connection)
    got = [balances[first], balances[second]]
    call = "Called transfer of 60.00 after another transaction left 40.00 of an account"
    assert got == [Decimal("40.00"), Decimal("100.00")], f"{call}. Got {got}, [40.00, 100.00]"
