"""Isolation levels, observed: what a transaction sees when another one commits meanwhile."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine, select, update

from bank.models import Account

LEVELS = ("READ COMMITTED", "REPEATABLE READ", "SERIALIZABLE")


def observe_concurrent_deposit(
    engine: Engine, account_id: int, amount: Decimal, isolation_level: str
) -> tuple[Decimal, Decimal]:
    """Read a balance twice in one transaction at `isolation_level`; return both reads.

    Between the reads, a second connection deposits `amount` and commits. READ
    COMMITTED sees the deposit in the second read (each statement takes a fresh
    snapshot); REPEATABLE READ and SERIALIZABLE do not (one snapshot per transaction).
    """
    balance = select(Account.balance).where(Account.id == account_id)
    deposit = update(Account).where(Account.id == account_id)
    reader = engine.connect().execution_options(isolation_level=isolation_level)
    with reader, reader.begin():
        first = reader.execute(balance).scalar_one()
        with engine.begin() as writer:  # another transaction, committed right here
            writer.execute(deposit.values(balance=Account.balance + amount))
        second = reader.execute(balance).scalar_one()
    return first, second
