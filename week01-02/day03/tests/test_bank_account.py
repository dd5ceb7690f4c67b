"""Day 3: BankAccount keeps an exact balance and refuses invalid operations."""

from decimal import Decimal

import pytest

import bank_system
from bank_system import BankAccount

pytestmark = pytest.mark.day(3)


def test_new_account_starts_with_its_opening_balance() -> None:
    account = BankAccount("Alice", Decimal("100.00"))
    got = account.get_balance()
    assert got == Decimal("100.00"), f"Called get_balance(). Got {got}, expected 100.00"


def test_account_opened_without_balance_starts_at_zero() -> None:
    got = BankAccount("Bob").get_balance()
    assert got == 0, f"Called BankAccount('Bob').get_balance(). Got {got}, expected 0"


def test_deposit_adds_to_the_balance_and_returns_it() -> None:
    account = BankAccount("Alice", Decimal("10.00"))
    returned = account.deposit(Decimal("5.50"))
    assert returned == account.get_balance() == Decimal("15.50"), (
        f"Called deposit(5.50) on 10.00. Got {returned} / {account.get_balance()}, expected 15.50"
    )


def test_cents_add_up_exactly() -> None:
    account = BankAccount("Chen")
    for _ in range(10):
        account.deposit(Decimal("0.10"))
    got = account.get_balance()
    assert got == Decimal("1.00"), f"Called deposit(0.10) ten times. Got {got}, expected 1.00"


def test_withdraw_takes_from_the_balance_and_returns_it() -> None:
    account = BankAccount("Alice", Decimal("10.00"))
    returned = account.withdraw(Decimal("10.00"))
    assert returned == account.get_balance() == 0, (
        f"Called withdraw(10.00) on 10.00. Got {returned}, expected 0"
    )


@pytest.mark.hint("Withdrawals may not exceed the balance: compare before subtracting.")
def test_withdraw_more_than_balance_raises_and_keeps_balance() -> None:
    account = BankAccount("Bob", Decimal("25.00"))
    with pytest.raises(ValueError):
        account.withdraw(Decimal("25.01"))
    got = account.get_balance()
    assert got == Decimal("25.00"), f"Called withdraw(25.01) on 25.00. Got {got}, expected 25.00"


@pytest.mark.hint("Refuse an amount unless it is finite, above 0 and a whole number of cents.")
@pytest.mark.parametrize("amount", ["0", "-5", "NaN", "Infinity", "0.001"])
@pytest.mark.parametrize("operation", ["deposit", "withdraw"])
def test_invalid_amounts_are_refused_and_keep_balance(operation: str, amount: str) -> None:
    account = BankAccount("Alice", Decimal("50.00"))
    with pytest.raises(ValueError):
        getattr(account, operation)(Decimal(amount))
    got = account.get_balance()
    assert got == Decimal("50.00"), f"Called {operation}({amount}). Got {got}, expected 50.00"


@pytest.mark.parametrize(
    ("owner", "balance"),
    [("", "0"), ("  ", "0"), ("Eve", "-1"), ("Eve", "NaN"), ("Eve", "0.001")],
)
def test_account_with_empty_owner_or_bad_opening_balance_is_refused(
    owner: str, balance: str
) -> None:
    with pytest.raises(ValueError):
        BankAccount(owner, Decimal(balance))


def test_demo_runs_three_accounts_and_shows_a_refused_withdrawal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bank_system.main()
    out = capsys.readouterr().out
    lines = out.splitlines()
    for line in ("Alice: 150.00", "Bob: 5.25", "Chen: 0.30"):
        assert line in lines, f"Called main(). Got {out!r}, expected a line {line!r}"
    assert any(line.startswith("Refused: ") for line in lines), (
        f"Called main(). Got {out!r}, expected a line starting 'Refused: '"
    )
