"""Day 4: every account has a TransactionHistory (composition) that records each movement."""

from decimal import Decimal

import pytest

import bank_system_v2
from bank_system_v2 import CheckingAccount, SavingsAccount, TransactionHistory

pytestmark = pytest.mark.day(4)


@pytest.mark.hint("Give BankAccount a TransactionHistory in __init__ and record() each change.")
def test_history_records_each_operation_with_the_balance_after() -> None:
    account = SavingsAccount("Alice", Decimal("100.00"), interest_rate=Decimal("0.10"))
    account.deposit(Decimal("20.00"))
    account.withdraw(Decimal("70.00"))
    account.apply_interest()
    got = [(t.kind, t.amount, t.balance_after) for t in account.history]
    expected = [
        ("deposit", Decimal("20.00"), Decimal("120.00")),
        ("withdrawal", Decimal("70.00"), Decimal("50.00")),
        ("interest", Decimal("5.00"), Decimal("55.00")),
    ]
    assert got == expected, (
        f"Called deposit, withdraw, apply_interest. Got {got}, expected {expected}"
    )


def test_refused_operation_leaves_no_trace_in_the_history() -> None:
    account = CheckingAccount("Bob", Decimal("0"), overdraft_limit=Decimal("10.00"))
    with pytest.raises(ValueError):
        account.withdraw(Decimal("10.01"))
    assert len(account.history) == 0, f"Called a refused withdraw. Got {len(account.history)}"


def test_history_totals_by_kind() -> None:
    history = TransactionHistory()
    history.record("deposit", Decimal("10.10"), Decimal("10.10"))
    history.record("deposit", Decimal("0.20"), Decimal("10.30"))
    history.record("withdrawal", Decimal("5.00"), Decimal("5.30"))
    got = (history.total("deposit"), history.total("withdrawal"), history.total("interest"))
    assert got == (Decimal("10.30"), Decimal("5.00"), Decimal("0")), (
        f"Called total() per kind. Got {got}, expected (10.30, 5.00, 0)"
    )
    assert all(isinstance(total, Decimal) for total in got), (
        f"Called total() per kind. Got types {[type(t).__name__ for t in got]}, expected "
        "Decimal each time, Decimal('0') when there is none (sum() alone starts from the int 0)"
    )


def test_each_account_has_its_own_history() -> None:
    first, second = CheckingAccount("A"), CheckingAccount("B")
    first.deposit(Decimal("1.00"))
    assert (len(first.history), len(second.history)) == (1, 0), (
        "Called deposit on one account. Got a history shared between accounts, expected separate"
    )


def test_demo_shows_overdraft_refusal_and_interest(capsys: pytest.CaptureFixture[str]) -> None:
    bank_system_v2.main()
    out = capsys.readouterr().out
    lines = out.splitlines()
    for expected in (
        "Alice withdraws 120.00: balance 880.00",
        "Bob withdraws 120.00: balance -70.00",
        "Alice earns interest: 44.00",
    ):
        assert expected in lines, f"Called main(). Got {out!r}, expected a line {expected!r}"
    assert any(line.startswith("Refused: ") for line in lines), (
        f"Called main(). Got {out!r}, expected a line starting 'Refused: '"
    )
