"""Transfers: debit one account, credit another, record it; all in one transaction."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bank.errors import AccountNotFound, InsufficientFunds
from bank.models import Account, Transfer

CENT = Decimal("0.01")


def check_amount(amount: Decimal) -> None:
    """Raise ValueError unless `amount` is a positive Decimal of whole cents."""
    if not isinstance(amount, Decimal) or not amount.is_finite():
        raise ValueError(f"amount must be a finite Decimal, got {amount!r}")
    if amount <= 0:
        raise ValueError(f"amount must be positive, got {amount}")
    if amount != amount.quantize(CENT):
        # NUMERIC(12, 2) would round 10.005 silently; refuse it instead.
        raise ValueError(f"amount must be whole cents, got {amount}")


def lock_accounts(db: Session, *account_ids: int) -> dict[int, Account]:
    """Lock the accounts' rows (SELECT ... FOR UPDATE) in id order; return them by id.

    Every transfer locks its rows in the same (id) order, so two transfers that share
    accounts queue behind each other instead of each holding one row the other needs,
    which is a deadlock. populate_existing: the locked read must overwrite any older
    copy this session already holds, or the check below would use a stale balance.
    """
    query = (
        select(Account)
        .where(Account.id.in_(account_ids))
        .order_by(Account.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    accounts = {account.id: account for account in db.scalars(query)}
    for account_id in account_ids:
        if account_id not in accounts:
            raise AccountNotFound(account_id)
    return accounts


def transfer(db: Session, source_id: int, target_id: int, amount: Decimal) -> Transfer:
    """Move `amount` from source to target: commit all of it, or roll back and raise.

    ValueError (nothing touched) for a bad amount or source == target; AccountNotFound
    or InsufficientFunds after a rollback. Otherwise: debit, credit, add a Transfer row,
    and commit once. Any error on the way rolls everything back and is re-raised.
    """
    check_amount(amount)
    if source_id == target_id:
        raise ValueError("source and target must be different accounts")
    try:
        accounts = lock_accounts(db, source_id, target_id)
        source, target = accounts[source_id], accounts[target_id]
        if source.balance < amount:
            raise InsufficientFunds(source_id, source.balance, amount)
        source.balance -= amount
        db.flush()  # the debit is now in PostgreSQL, visible only inside this transaction
        target.balance += amount
        record = Transfer(source_id=source_id, target_id=target_id, amount=amount)
        db.add(record)
        db.commit()  # the one point where all three writes become real together
    except BaseException:
        db.rollback()  # undo the debit too, release the row locks, keep the session usable
        raise
    return record
