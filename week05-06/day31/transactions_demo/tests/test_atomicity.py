"""All or nothing: when the credit fails after the debit, neither account changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from bank.transfers import transfer
from tests.helpers import count_transfers, insert_account, read_balances

pytestmark = pytest.mark.day(31)

# A trigger that makes PostgreSQL refuse any credit to one account: the second write fails.
REFUSE_CREDITS = """
CREATE FUNCTION refuse_credit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.balance > OLD.balance THEN
        RAISE EXCEPTION 'credit to account % refused', NEW.id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER refuse_credit BEFORE UPDATE ON accounts
    FOR EACH ROW WHEN (NEW.id = {account_id}) EXECUTE FUNCTION refuse_credit();
"""


@pytest.mark.hint("Commit once, after every write; on any exception db.rollback() and re-raise.")
def test_a_failing_credit_after_the_debit_changes_neither_account(
    committed_engine: Engine, committed_sessions: sessionmaker[Session]
) -> None:
    with committed_engine.begin() as connection:
        ada = insert_account(connection, "ada@example.com", "100.00")
        grace = insert_account(connection, "grace@example.com", "50.00")
        linus = insert_account(connection, "linus@example.com", "0.00")
        connection.execute(text(REFUSE_CREDITS.format(account_id=grace)))
        before = read_balances(connection)
    with committed_sessions() as db:
        with pytest.raises(DBAPIError):
            transfer(db, ada, grace, Decimal("30.00"))
        # The same session goes on working: the failed transaction was rolled back.
        transfer(db, ada, linus, Decimal("5.00"))
    with committed_engine.connect() as connection:
        after = read_balances(connection)
        recorded = count_transfers(connection)
    expected = {**before, ada: Decimal("95.00"), linus: Decimal("5.00")}
    call = "Called transfer(ada, grace, 30.00) with grace's credit failing, then ada -> linus 5.00"
    assert after == expected, f"{call}. Got {after}, expected {expected}"
    assert recorded == 1, f"{call}. Got {recorded} transfer rows, expected 1"
