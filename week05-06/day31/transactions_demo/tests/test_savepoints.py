"""import_accounts(): one SAVEPOINT per row, so a bad row is skipped and the rest commit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from bank.accounts import ImportReport, NewAccount, import_accounts
from tests.helpers import insert_account

pytestmark = pytest.mark.day(31)


@pytest.mark.hint("Wrap each row in `with db.begin_nested():` and catch IntegrityError around it.")
def test_a_batch_skips_the_bad_rows_and_commits_the_others(
    committed_engine: Engine, committed_sessions: sessionmaker[Session]
) -> None:
    with committed_engine.begin() as connection:
        insert_account(connection, "grace@example.com", "1.00")
    rows = [
        NewAccount("ada@example.com", "Ada", Decimal("10.00")),
        NewAccount("grace@example.com", "Grace again"),
        NewAccount("linus@example.com", "Linus", Decimal("-1.00")),
        NewAccount("alan@example.com", "Alan", Decimal("2.50")),
    ]
    with committed_sessions() as db:
        report = import_accounts(db, rows)
    with committed_engine.connect() as connection:
        stored = connection.execute(text("SELECT email, balance FROM accounts ORDER BY id")).all()
    expected_report = ImportReport(
        imported=["ada@example.com", "alan@example.com"],
        skipped=[
            ("grace@example.com", "uq_accounts_email"),
            ("linus@example.com", "ck_accounts_balance_non_negative"),
        ],
    )
    expected_rows = [
        ("grace@example.com", Decimal("1.00")),
        ("ada@example.com", Decimal("10.00")),
        ("alan@example.com", Decimal("2.50")),
    ]
    got_rows = [tuple(row) for row in stored]
    assert report == expected_report, f"Called import_accounts. Got {report}, {expected_report}"
    assert got_rows == expected_rows, f"Called import_accounts. Got {got_rows}, {expected_rows}"


def test_a_duplicate_inside_the_batch_keeps_the_first_row(db_session: Session) -> None:
    rows = [NewAccount("ada@example.com", "Ada"), NewAccount("ada@example.com", "Ada twice")]
    report = import_accounts(db_session, rows)
    names = db_session.execute(text("SELECT name FROM accounts")).scalars().all()
    assert report.skipped == [("ada@example.com", "uq_accounts_email")], f"Got {report}"
    assert names == ["Ada"], f"Called import_accounts with a duplicate. Got {names}, ['Ada']"
