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


def test_the_exceptions_form_one_hierarchy_under_bank_error() -> None:
    pairs = [
        (NegativeAmountError, InvalidAmountError),
        (InvalidAmountError, BankError),
        (InsufficientFundsError, BankError),
    ]
    for child, parent in pairs:
        assert issubclass(child, parent), (
            f"Called issubclass({child.__name__}, {parent.__name__}). Got False, expected True"
        )


def test_withdraw_more_than_balance_raises_and_keeps_balance() -> None:
    account = BankAccount("Bob", Decimal("20.00"))
    with pytest.raises(InsufficientFundsError) as caught:
        account.withdraw(Decimal("20.01"))
    got = (caught.value.balance, caught.value.requested, account.get_balance())
    assert got == (Decimal("20.00"), Decimal("20.01"), Decimal("20.00")), (
        f"Called withdraw(20.01) on 20.00. Got (balance, requested, after) {got}"
    )


@pytest.mark.parametrize("operation", ["deposit", "withdraw"])
def test_a_negative_amount_raises_negative_amount_error(operation: str) -> None:
    account = BankAccount("Alice", Decimal("10.00"))
    with pytest.raises(NegativeAmountError, match="cannot be negative"):
        getattr(account, operation)(Decimal("-5.00"))


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


def test_attempt_does_not_hide_errors_that_are_not_bank_errors() -> None:
    def broken(amount: Decimal) -> Decimal:
        raise RuntimeError("a bug, not a refusal")

    with pytest.raises(RuntimeError):
        attempt(broken, Decimal("1.00"))
