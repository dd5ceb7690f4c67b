"""open_account(): PostgreSQL's unique constraint on email, mapped to EmailTaken."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bank.accounts import open_account
from bank.errors import EmailTaken
from tests.helpers import read_balances

pytestmark = pytest.mark.day(31)


def test_open_account_stores_the_account_with_its_opening_balance(db_session: Session) -> None:
    account = open_account(db_session, "ada@example.com", "Ada", Decimal("12.50"))
    row = db_session.execute(
        text("SELECT email, name, balance FROM accounts WHERE id = :id"), {"id": account.id}
    ).one()
    expected = ("ada@example.com", "Ada", Decimal("12.50"))
    assert tuple(row) == expected, f"Called open_account. Got row {tuple(row)}, expected {expected}"


def test_open_account_defaults_to_a_zero_balance(db_session: Session) -> None:
    account = open_account(db_session, "ada@example.com", "Ada")
    got = read_balances(db_session)[account.id]
    assert got == Decimal("0.00"), f"Called open_account without balance. Got {got}, 0.00"


@pytest.mark.hint("Catch IntegrityError at commit, roll back, check violated_constraint(error).")
def test_a_taken_email_raises_email_taken_and_the_session_goes_on(db_session: Session) -> None:
    open_account(db_session, "ada@example.com", "Ada")
    with pytest.raises(EmailTaken) as caught:
        open_account(db_session, "ada@example.com", "Another Ada")
    open_account(db_session, "grace@example.com", "Grace")  # the session was rolled back
    emails = db_session.execute(text("SELECT email FROM accounts ORDER BY id")).scalars().all()
    expected = ["ada@example.com", "grace@example.com"]
    assert caught.value.email == "ada@example.com", f"Got EmailTaken.email {caught.value.email!r}"
    assert emails == expected, f"Called open_account twice with one email. Got {emails}"


def test_a_negative_opening_balance_is_refused_by_the_check_constraint(db_session: Session) -> None:
    with pytest.raises(IntegrityError):
        open_account(db_session, "ada@example.com", "Ada", Decimal("-0.01"))
    count = db_session.execute(text("SELECT count(*) FROM accounts")).scalar_one()
    assert count == 0, f"Called open_account with -0.01. Got {count} rows, expected 0"
