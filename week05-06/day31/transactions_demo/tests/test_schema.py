"""The table itself: NUMERIC money, a unique email and a non-negative balance, by name."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bank.database import violated_constraint
from tests.helpers import insert_account

pytestmark = pytest.mark.day(31)


def test_balance_is_numeric_12_2(db_session: Session) -> None:
    query = text(
        "SELECT data_type, numeric_precision, numeric_scale FROM information_schema.columns"
        " WHERE table_name = 'accounts' AND column_name = 'balance'"
    )
    row = db_session.execute(query).one_or_none()
    got = tuple(row) if row else None
    assert got == ("numeric", 12, 2), f"Read accounts.balance's type. Got {got}, numeric(12,2)"


@pytest.mark.parametrize(
    ("statement", "constraint"),
    [
        (
            "INSERT INTO accounts (email, name, balance) VALUES ('ada@example.com', 'x', 1)",
            "uq_accounts_email",
        ),
        ("UPDATE accounts SET balance = -0.01", "ck_accounts_balance_non_negative"),
    ],
)
def test_postgresql_enforces_the_named_constraint(
    db_session: Session, statement: str, constraint: str
) -> None:
    insert_account(db_session, "ada@example.com", "10.00")
    with pytest.raises(IntegrityError) as caught:
        db_session.execute(text(statement))
    got = violated_constraint(caught.value)
    assert got == constraint, f"Ran {statement!r}. Got constraint {got!r}, expected {constraint!r}"
