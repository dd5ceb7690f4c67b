"""Helpers the day 31 tests share: rows made and read with plain SQL, and a thread rendezvous."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.orm import Session

Executor = Session | Connection


def insert_account(db: Executor, email: str, balance: str) -> int:
    """INSERT an account with plain SQL; return its id."""
    query = text("INSERT INTO accounts (email, name, balance) VALUES (:e, :n, :b) RETURNING id")
    new_id: int = db.execute(
        query, {"e": email, "n": email.split("@")[0], "b": balance}
    ).scalar_one()
    return new_id


def read_balances(db: Executor) -> dict[int, Decimal]:
    """Every account's balance by id, as PostgreSQL holds it for this connection."""
    rows = db.execute(text("SELECT id, balance FROM accounts ORDER BY id"))
    return {account_id: balance for account_id, balance in rows}


def count_transfers(db: Executor) -> int:
    """How many rows the transfers ledger holds."""
    count: int = db.execute(text("SELECT count(*) FROM transfers")).scalar_one()
    return count


def takes_a_row_lock(statement: str) -> bool:
    """SELECT ... FOR UPDATE and UPDATE both lock the rows they touch until commit."""
    return "FOR UPDATE" in statement.upper() or statement.lstrip().upper().startswith("UPDATE")


def any_statement(statement: str) -> bool:
    """Every statement matches."""
    return True


class Rendezvous:
    """Forces two threads' transactions to overlap at the worst moment, deterministically.

    After each thread's first statement that `matches`, the thread waits until the other
    thread has reached the same point, or until a connection of this database waits for
    a lock (the other thread is queued behind us: waiting longer would hang). Code that
    locks correctly is held for milliseconds; code that reads without locks, or locks in
    an inconsistent order, is made to interleave every time.
    """

    def __init__(
        self, engine: Engine, matches: Callable[[str], bool], parties: int = 2, timeout: float = 5
    ) -> None:
        self.engine = engine
        self.matches = matches
        self.parties = parties
        self.timeout = timeout
        self.arrived = 0
        self.condition = threading.Condition()
        self.local = threading.local()
        # AUTOCOMMIT: pg_stat_activity is read afresh by every query, not once per transaction.
        self.monitor = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        self.monitor_lock = threading.Lock()
        event.listen(engine, "after_cursor_execute", self._after_execute)

    def close(self) -> None:
        """Stop listening and return the monitor connection."""
        event.remove(self.engine, "after_cursor_execute", self._after_execute)
        self.monitor.close()

    def _someone_waits_for_a_lock(self) -> bool:
        query = text(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        with self.monitor_lock:
            waiting: int = self.monitor.execute(query).scalar_one()
        return waiting > 0

    def _after_execute(self, connection: Connection, *args: Any) -> None:
        statement = str(args[1])
        if connection is self.monitor or getattr(self.local, "done", False):
            return
        if not self.matches(statement):
            return
        self.local.done = True
        with self.condition:
            self.arrived += 1
            self.condition.notify_all()
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            with self.condition:
                if self.arrived >= self.parties:
                    return
                self.condition.wait(0.02)
            if self._someone_waits_for_a_lock():
                return


def run_at_once(jobs: list[Callable[[], object]], timeout: float = 30) -> list[object]:
    """Run each job in a thread of its own; return each one's result or raised exception."""
    results: list[object] = [None] * len(jobs)

    def run(index: int) -> None:
        try:
            results[index] = jobs[index]()
        except Exception as error:  # reported to the test, which names it
            results[index] = error

    threads = [
        threading.Thread(target=run, args=(index,), daemon=True) for index in range(len(jobs))
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in threads):
        raise TimeoutError(f"{len(jobs)} transfers still running after {timeout} s")
    return results
