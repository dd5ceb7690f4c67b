"""Day 4: SavingsAccount and CheckingAccount inherit BankAccount's rules and change one each."""

from decimal import Decimal

import pytest

from bank_system_v2 import BankAccount, CheckingAccount, SavingsAccount

pytestmark = pytest.mark.day(4)


def test_both_account_types_are_bank_accounts() -> None:
    for account in (SavingsAccount("Alice"), CheckingAccount("Bob")):
        assert isinstance(account, BankAccount), (
            f"Called isinstance({type(account).__name__}(...), BankAccount). "
            "Got False, expected True"
        )


def test_repr_names_the_accounts_own_class() -> None:
    for account in (SavingsAccount("Alice", Decimal("5.00")), CheckingAccount("Bob")):
        got = repr(account)
        expected = f"{type(account).__name__}(owner="
        assert got.startswith(expected), (
            f"Called repr({type(account).__name__}(...)). Got {got!r}, "
            f"expected it to start with {expected!r} (type(self).__name__)"
        )


def test_savings_interest_is_balance_times_rate() -> None:
    account = SavingsAccount("Alice", Decimal("1000.00"), interest_rate=Decimal("0.05"))
    credited = account.apply_interest()
    balance = account.get_balance()
    assert (credited, balance) == (Decimal("50.00"), Decimal("1050.00")), (
        f"Called apply_interest() on 1000.00 at 5%. Got {(credited, balance)}, "
        "expected (50.00, 1050.00)"
    )


def test_savings_interest_is_rounded_to_the_cent_half_to_even() -> None:
    # 0.25 * 0.10 = 0.025 and 0.35 * 0.10 = 0.035: half-to-even gives 0.02 and 0.04.
    low = SavingsAccount("A", Decimal("0.25"), interest_rate=Decimal("0.10"))
    high = SavingsAccount("B", Decimal("0.35"), interest_rate=Decimal("0.10"))
    got = (low.calculate_interest(), high.calculate_interest())
    assert got == (Decimal("0.02"), Decimal("0.04")), (
        f"Called calculate_interest() on 0.25 and 0.35 at 10%. Got {got}, expected (0.02, 0.04)"
    )


def test_savings_account_cannot_be_overdrawn() -> None:
    account = SavingsAccount("Alice", Decimal("10.00"))
    with pytest.raises(ValueError):
        account.withdraw(Decimal("10.01"))
    got = account.get_balance()
    assert got == Decimal("10.00"), f"Called withdraw(10.01). Got balance {got}, expected 10.00"


@pytest.mark.parametrize(
    ("balance", "rate", "expected"),
    [("10.00", "0.05", "0.50"), ("0.20", "0.05", "0.01"), ("20.00", "1", "20.00")],
)
def test_savings_interest_of_any_size_is_credited(balance: str, rate: str, expected: str) -> None:
    account = SavingsAccount("Alice", Decimal(balance), interest_rate=Decimal(rate))
    credited = account.apply_interest()
    got = (credited, account.get_balance())
    want = (Decimal(expected), Decimal(balance) + Decimal(expected))
    assert got == want, (
        f"Called apply_interest() on {balance} at rate {rate}. Got (credited, balance) {got}, "
        f"expected {want}"
    )


def test_savings_interest_at_rate_zero_credits_and_records_nothing() -> None:
    account = SavingsAccount("Alice", Decimal("100.00"), interest_rate=Decimal("0"))
    credited = account.apply_interest()
    got = (credited, account.get_balance(), len(account.history))
    assert got == (Decimal("0"), Decimal("100.00"), 0), (
        f"Called apply_interest() at rate 0. Got (credited, balance, transactions) {got}, "
        "expected (0, 100.00, 0)"
    )


@pytest.mark.parametrize("rate", ["-0.01", "1.5", "NaN"])
def test_savings_account_refuses_an_impossible_interest_rate(rate: str) -> None:
    with pytest.raises(ValueError):
        SavingsAccount("Alice", interest_rate=Decimal(rate))


@pytest.mark.parametrize(
    ("owner", "balance"),
    [("", "0"), ("  ", "10.00"), ("Eve", "-0.01"), ("Eve", "NaN"), ("Eve", "0.001")],
)
def test_every_account_type_refuses_an_empty_owner_or_a_bad_opening_balance(
    owner: str, balance: str
) -> None:
    for kind in (BankAccount, SavingsAccount, CheckingAccount):
        with pytest.raises(ValueError):
            kind(owner, Decimal(balance))


@pytest.mark.hint(
    "Let CheckingAccount change only how much may go out (balance + overdraft_limit)."
)
def test_checking_account_may_use_its_overdraft() -> None:
    account = CheckingAccount("Bob", Decimal("50.00"), overdraft_limit=Decimal("100.00"))
    got = account.withdraw(Decimal("150.00"))
    assert got == Decimal("-100.00"), f"Called withdraw(150.00) on 50 + 100 overdraft. Got {got}"


def test_checking_account_refuses_beyond_its_overdraft_and_keeps_balance() -> None:
    account = CheckingAccount("Bob", Decimal("50.00"), overdraft_limit=Decimal("100.00"))
    with pytest.raises(ValueError):
        account.withdraw(Decimal("150.01"))
    got = account.get_balance()
    assert got == Decimal("50.00"), f"Called withdraw(150.01). Got balance {got}, expected 50.00"


def test_checking_account_without_overdraft_behaves_like_a_plain_account() -> None:
    account = CheckingAccount("Bob", Decimal("5.00"), overdraft_limit=Decimal("0"))
    with pytest.raises(ValueError):
        account.withdraw(Decimal("5.01"))


@pytest.mark.parametrize("amount", ["-1", "0", "NaN", "0.001"])
def test_invalid_amounts_are_still_refused_by_subclasses(amount: str) -> None:
    for account in (SavingsAccount("Alice", Decimal("5.00")), CheckingAccount("Bob")):
        before = account.get_balance()
        for operation in ("deposit", "withdraw"):
            with pytest.raises(ValueError):
                getattr(account, operation)(Decimal(amount))
            got = account.get_balance()
            assert got == before, (
                f"Called {type(account).__name__}.{operation}({amount}). "
                f"Got balance {got}, expected {before}"
            )


@pytest.mark.parametrize("limit", ["-1", "0.001"])
def test_checking_account_refuses_an_impossible_overdraft_limit(limit: str) -> None:
    with pytest.raises(ValueError):
        CheckingAccount("Bob", overdraft_limit=Decimal(limit))
