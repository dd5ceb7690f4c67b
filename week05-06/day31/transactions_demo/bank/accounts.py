"""Opening accounts: the unique email decided by PostgreSQL, and a batch with savepoints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bank.database import violated_constraint
from bank.errors import EmailTaken
from bank.models import Account

EMAIL_CONSTRAINT = "uq_accounts_email"
BALANCE_CONSTRAINT = "ck_accounts_balance_non_negative"


@dataclass(frozen=True)
class NewAccount:
    """One row of a batch to import."""

    email: str
    name: str
    balance: Decimal = Decimal("0.00")


@dataclass
class ImportReport:
    """What a batch did: the emails imported, and (email, violated constraint) for each skip."""

    imported: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def open_account(db: Session, email: str, name: str, balance: Decimal = Decimal("0.00")) -> Account:
    """Insert and commit an account; EmailTaken if the email is used, after a rollback.

    Any other IntegrityError (a negative balance) is re-raised, also after a rollback.

    No "SELECT first": two callers could both see the email free. The unique
    constraint is checked inside PostgreSQL, so exactly one of them wins.
    """
    account = Account(email=email, name=name, balance=balance)
    db.add(account)
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        if violated_constraint(error) == EMAIL_CONSTRAINT:
            raise EmailTaken(email) from error
        raise  # e.g. ck_accounts_balance_non_negative: a bug in the caller, not a user error
    return account


def import_accounts(db: Session, rows: Iterable[NewAccount]) -> ImportReport:
    """Insert every row that the constraints accept, skip the others, commit once at the end.

    Each row gets a SAVEPOINT (begin_nested): a failed INSERT rolls back to it,
    undoing that row only. Without it, the first error aborts the whole
    transaction and PostgreSQL refuses every later statement.
    """
    report = ImportReport()
    try:
        for row in rows:
            try:
                with db.begin_nested():  # SAVEPOINT; RELEASE on success, ROLLBACK TO on error
                    db.add(Account(email=row.email, name=row.name, balance=row.balance))
            except IntegrityError as error:
                report.skipped.append((row.email, violated_constraint(error) or "unknown"))
            else:
                report.imported.append(row.email)
        db.commit()
    except BaseException:
        db.rollback()
        raise
    return report
