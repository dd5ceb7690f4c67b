"""Demo: commits, rollbacks, a savepoint and isolation levels, on a real PostgreSQL.

Run, from the repository root:
    export DATABASE_URL=$(make -s db-url 31)
    cd week05-06/day31/transactions_demo && ../../../.venv/bin/python -m bank.demo
"""

from __future__ import annotations

import sys
from decimal import Decimal

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bank.accounts import NewAccount, import_accounts, open_account
from bank.database import Base, DatabaseNotConfigured, make_engine, make_session_factory
from bank.errors import BankError
from bank.isolation import LEVELS, observe_concurrent_deposit
from bank.models import Account, Transfer
from bank.transfers import transfer


def balances(db: Session) -> str:
    """Every account's balance as committed, e.g. "ada 70.00, grace 80.00"."""
    db.expire_all()  # read PostgreSQL again, not this session's copies
    accounts = db.scalars(select(Account).order_by(Account.id))
    return ", ".join(f"{account.name} {account.balance}" for account in accounts)


def run_demo(engine: Engine) -> list[str]:
    """Run every step on `engine`'s database (its accounts are reset first); return the report."""
    Base.metadata.create_all(engine)
    lines: list[str] = []
    with make_session_factory(engine)() as db:
        db.execute(delete(Transfer))
        db.execute(delete(Account))
        db.commit()
        ada = open_account(db, "ada@example.com", "ada", Decimal("100.00"))
        grace = open_account(db, "grace@example.com", "grace", Decimal("50.00"))
        ada_id, grace_id = ada.id, grace.id
        lines.append(f"opened: {balances(db)}")

        transfer(db, ada_id, grace_id, Decimal("30.00"))
        lines.append(f"transfer 30.00 ada -> grace, committed: {balances(db)}")

        try:
            transfer(db, ada_id, grace_id, Decimal("500.00"))
        except BankError as error:
            lines.append(f"transfer 500.00 refused ({error}): {balances(db)}")

        # Atomicity by hand: the first write happens, the second step fails, rollback.
        ada.balance -= Decimal("10.00")
        db.flush()
        inside = db.scalar(select(Account.balance).where(Account.id == ada_id))
        lines.append(f"debit 10.00 flushed, ada seen inside the transaction: {inside}")
        db.rollback()  # as if the credit had failed: the debit goes too
        lines.append(f"credit failed, rolled back: {balances(db)}")

        try:
            open_account(db, "ada@example.com", "another ada")
        except BankError as error:
            lines.append(f"duplicate email refused: {error}")

        batch = [
            NewAccount("linus@example.com", "linus", Decimal("5.00")),
            NewAccount("grace@example.com", "grace again"),
            NewAccount("alan@example.com", "alan", Decimal("-1.00")),
            NewAccount("barbara@example.com", "barbara", Decimal("7.00")),
        ]
        report = import_accounts(db, batch)
        lines.append(f"import: imported {report.imported}, skipped {report.skipped}")

    for level in LEVELS:
        first, second = observe_concurrent_deposit(engine, ada_id, Decimal("1.00"), level)
        lines.append(f"{level}: read {first}, another transaction deposits 1.00, read {second}")
    return lines


def main() -> int:
    """Run the demo against DATABASE_URL; returns the exit status."""
    try:
        engine = make_engine()
    except DatabaseNotConfigured as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        print("\n".join(run_demo(engine)))
    except OperationalError as error:
        where = engine.url.render_as_string(hide_password=True)
        reason = str(error.orig).strip().splitlines()[0]
        print(f"error: could not connect to {where}: {reason}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
