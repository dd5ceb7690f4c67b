"""Day 6: the bank's custom exceptions and when each is raised."""

from decimal import Decimal

import pytest

from bank_with_errors import (
    BankAccount,
    BankError,
    InsufficientFundsError,
    InvalidAmountError,
    NegativeAmountError,
    attempt,
)

pytestmark = pytest.mark.day(6)


@pytest.mark.hint(
    "Derive every bank exception from BankError, and NegativeAmountError from "
    "InvalidAmountError, so one `except BankError` catches every refusal."
)
def test_every_refusal_is_a_bank_error_of_its_own_kind() -> None:
    account = BankAccount("Alice", Decimal("10.00"))
    refusals = [
        ("withdraw", "10.01", InsufficientFundsError),
        ("deposit", "-1.00", NegativeAmountError),
        ("withdraw", "0", InvalidAmountError),
    ]
    for operation, amount, kind in refusals:
        with pytest.raises(BankError) as caught:
            getattr(account, operation)(Decimal(amount))
        assert isinstance(caught.value, kind), (
            f"Called {operation}({amount}). Got {type(caught.value).__name__}, "
            f"expected {kind.__name__}"
        )
    assert issubclass(NegativeAmountError, InvalidAmountError), (
        "Called issubclass(NegativeAmountError, InvalidAmountError). Got False, expected True"
    )


def test_withdraw_more_than_balance_raises_and_keeps_balance() -> None:
    account = BankAccount("Bob", Decimal("20.00"))
    with pytest.raises(InsufficientFundsError) as caught:
        account.withdraw(Decimal("20.01"))
    got = (caught.value.balance, caught.value.requested, account.get_balance())
    assert got == (Decimal("20.00"), Decimal("20.01"), Decimal("20.00")), (
        f"Called withdraw(20.01) on 20.00. Got (balance, requested, after) {got}"
    )


def test_the_whole_balance_can_be_withdrawn() -> None:
    account = BankAccount("Bob", Decimal("20.00"))
    got = account.withdraw(Decimal("20.00"))
    assert got == account.get_balance() == 0, (
        f"Called withdraw(20.00) on 20.00. Got {got}, expected 0 (the whole balance may go)"
    )


@pytest.mark.parametrize("amount", ["0.01", "0.50", "1"])
def test_the_smallest_amounts_are_valid(amount: str) -> None:
    account = BankAccount("Alice", Decimal(amount))
    deposited = account.deposit(Decimal(amount))
    withdrawn = account.withdraw(Decimal(amount))
    got = (deposited, withdrawn)
    want = (2 * Decimal(amount), Decimal(amount))
    assert got == want, (
        f"Opened with {amount}, then deposit({amount}) and withdraw({amount}). "
        f"Got balances {got}, expected {want}"
    )


@pytest.mark.parametrize("operation", ["deposit", "withdraw"])
def test_a_negative_amount_raises_negative_amount_error(operation: str) -> None:
    account = BankAccount("Alice", Decimal("10.00"))
    with pytest.raises(NegativeAmountError):
        getattr(account, operation)(Decimal("-5.00"))
    assert account.get_balance() == Decimal("10.00"), (
        f"Called {operation}(-5.00). Got balance {account.get_balance()}, expected 10.00"
    )


def test_a_negative_opening_balance_raises_negative_amount_error() -> None:
    with pytest.raises(NegativeAmountError):
        BankAccount("Alice", Decimal("-1.00"))


@pytest.mark.parametrize("amount", ["0", "NaN", "-Infinity", "0.001"])
def test_other_bad_amounts_raise_invalid_amount_error_but_not_negative(amount: str) -> None:
    with pytest.raises(InvalidAmountError) as caught:
        BankAccount("Alice").deposit(Decimal(amount))
    assert not isinstance(caught.value, NegativeAmountError), (
        f"Called deposit({amount}). Got NegativeAmountError, expected a plain InvalidAmountError"
    )


def test_attempt_turns_a_refusal_into_false_and_leaves_the_balance() -> None:
    account = BankAccount("Alice", Decimal("10.00"))
    ok, refused = (
        attempt(account.deposit, Decimal("5.00")),
        attempt(account.withdraw, Decimal("99")),
    )
    assert (ok, refused, account.get_balance()) == (True, False, Decimal("15.00")), (
        f"Called attempt(deposit 5), attempt(withdraw 99). Got {(ok, refused)}, "
        f"balance {account.get_balance()}, expected (True, False) and 15.00"
    )


class Bug(Exception):
    """An error that is not a refusal: attempt() must let it through."""


def test_attempt_does_not_hide_errors_that_are_not_bank_errors() -> None:
    def broken(amount: Decimal) -> Decimal:
        raise Bug("a bug, not a refusal")

    with pytest.raises(Bug):
        attempt(broken, Decimal("1.00"))
