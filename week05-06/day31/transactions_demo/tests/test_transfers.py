"""transfer(): exact Decimal arithmetic, a ledger row, and refusals that change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy.orm import Session

from bank.errors import AccountNotFound, InsufficientFunds
from bank.transfers import transfer
from tests.helpers import count_transfers, insert_account, read_balances

pytestmark = pytest.mark.day(31)


@pytest.fixture
def pair(db_session: Session) -> tuple[int, int]:
    """Two committed accounts: 100.00 and 50.00 (a refused transfer's rollback keeps them)."""
    ada = insert_account(db_session, "ada@example.com", "100.00")
    grace = insert_account(db_session, "grace@example.com", "50.00")
    db_session.commit()
    return ada, grace


def test_transfer_moves_exact_cents_and_records_one_ledger_row(
    db_session: Session, pair: tuple[int, int]
) -> None:
    ada, grace = pair
    record = transfer(db_session, ada, grace, Decimal("33.33"))
    balances = read_balances(db_session)
    got = [balances[ada], balances[grace]]
    expected = [Decimal("66.67"), Decimal("83.33")]
    assert got == expected, f"Called transfer(ada, grace, 33.33). Got {got}, expected {expected}"
    assert all(isinstance(value, Decimal) for value in got), f"Got {got}, expected Decimals"
    row = (record.source_id, record.target_id, record.amount)
    assert row == (ada, grace, Decimal("33.33")), f"Called transfer. Got Transfer {row}"
    assert count_transfers(db_session) == 1, "Called transfer once. Expected 1 transfers row"


def test_transfer_may_empty_an_account_to_exactly_zero(
    db_session: Session, pair: tuple[int, int]
) -> None:
    ada, grace = pair
    transfer(db_session, ada, grace, Decimal("100.00"))
    got = read_balances(db_session)[ada]
    assert got == Decimal("0.00"), f"Called transfer of the whole balance. Got {got}, expected 0.00"


@pytest.mark.hint("Compare the locked balance with the amount before writing anything.")
def test_transfer_beyond_the_balance_raises_insufficient_funds_and_changes_nothing(
    db_session: Session, pair: tuple[int, int]
) -> None:
    ada, grace = pair
    before = read_balances(db_session)
    with pytest.raises(InsufficientFunds) as caught:
        transfer(db_session, grace, ada, Decimal("50.01"))
    after = read_balances(db_session)
    error = caught.value
    got = (error.account_id, error.balance, error.amount)
    expected = (grace, Decimal("50.00"), Decimal("50.01"))
    assert got == expected, f"Got InsufficientFunds (account_id, balance, amount) {got}, {expected}"
    assert after == before, f"Called transfer of 50.01 from 50.00. Got {after}, expected {before}"
    assert count_transfers(db_session) == 0, "Called a refused transfer. Expected 0 transfer rows"


@pytest.mark.parametrize("missing", ["source", "target"])
def test_transfer_with_an_unknown_account_raises_account_not_found(
    db_session: Session, pair: tuple[int, int], missing: str
) -> None:
    ada, _ = pair
    unknown = ada + 1000
    source, target = (unknown, ada) if missing == "source" else (ada, unknown)
    before = read_balances(db_session)
    with pytest.raises(AccountNotFound) as caught:
        transfer(db_session, source, target, Decimal("1.00"))
    after = read_balances(db_session)
    assert caught.value.account_id == unknown, f"Got {caught.value.account_id}, expected {unknown}"
    assert after == before, f"Called transfer with an unknown {missing}. Got {after}, {before}"


@pytest.mark.parametrize(
    "amount", [Decimal("0"), Decimal("-5.00"), Decimal("0.001"), Decimal("NaN")]
)
def test_transfer_refuses_amounts_that_are_not_positive_whole_cents(
    db_session: Session, pair: tuple[int, int], amount: Decimal
) -> None:
    ada, grace = pair
    before = read_balances(db_session)
    with pytest.raises(ValueError):
        transfer(db_session, ada, grace, amount)
    after = read_balances(db_session)
    assert after == before, f"Called transfer of {amount}. Got {after}, expected {before}"


def test_transfer_to_the_same_account_raises_value_error(
    db_session: Session, pair: tuple[int, int]
) -> None:
    ada, _ = pair
    with pytest.raises(ValueError):
        transfer(db_session, ada, ada, Decimal("1.00"))


def test_session_stays_usable_after_a_refused_transfer(
    db_session: Session, pair: tuple[int, int]
) -> None:
    ada, grace = pair
    with pytest.raises(InsufficientFunds):
        transfer(db_session, grace, ada, Decimal("999.00"))
    transfer(db_session, grace, ada, Decimal("20.00"))
    got = read_balances(db_session)[grace]
    assert got == Decimal("30.00"), f"Called a refused then a valid transfer. Got {got}, 30.00"
