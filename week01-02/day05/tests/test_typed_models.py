"""Day 5: the dataclass models behave like day 4's classes, with less code."""

import dataclasses
import typing
from datetime import UTC, datetime
from decimal import Decimal

import pytest

import typed_models
from typed_models import AccountManager, BankAccount, Transaction, TransactionType

pytestmark = pytest.mark.day(5)


def test_dataclass_generates_init_repr_and_equality() -> None:
    first, second = BankAccount("Alice", Decimal("5.00")), BankAccount("Alice", Decimal("5.00"))
    assert first == second, f"Compared two equal accounts. Got {first} != {second}"
    assert repr(first).startswith("BankAccount(owner='Alice', balance=Decimal('5.00')"), (
        f"Called repr(). Got {first!r}, expected the generated dataclass repr"
    )


def test_accounts_do_not_share_their_transaction_lists() -> None:
    first, second = BankAccount("A"), BankAccount("B")
    first.deposit(Decimal("1.00"))
    assert second.transactions == [], f"Deposited into A. Got B's list {second.transactions}"


def test_deposit_and_withdraw_record_numbered_transactions_in_utc() -> None:
    account = BankAccount("Alice", Decimal("10.00"))
    before = datetime.now(UTC)
    deposit = account.deposit(Decimal("2.50"))
    withdrawal = account.withdraw(Decimal("12.50"))
    after = datetime.now(UTC)
    got = [(t.id, t.amount, t.type) for t in account.transactions]
    expected = [
        (1, Decimal("2.50"), TransactionType.DEPOSIT),
        (2, Decimal("12.50"), TransactionType.WITHDRAWAL),
    ]
    assert got == expected, f"Called deposit(2.50), withdraw(12.50). Got {got}, expected {expected}"
    assert account.transactions == [deposit, withdrawal]
    assert account.balance == 0, f"Got balance {account.balance}, expected 0"
    for transaction in account.transactions:
        assert before <= transaction.timestamp <= after, (
            f"Got timestamp {transaction.timestamp}, expected an aware UTC time of the call"
        )


def test_transactions_are_immutable() -> None:
    transaction = BankAccount("Alice").deposit(Decimal("1.00"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        transaction.amount = Decimal("1000000.00")  # type: ignore[misc]


def test_withdraw_more_than_balance_raises_and_records_nothing() -> None:
    account = BankAccount("Bob", Decimal("3.00"))
    with pytest.raises(ValueError):
        account.withdraw(Decimal("3.01"))
    assert (account.balance, account.transactions) == (Decimal("3.00"), []), (
        f"Called a refused withdraw. Got {account.balance} and {account.transactions}"
    )


@pytest.mark.parametrize("amount", ["0", "-1", "NaN", "Infinity", "0.005"])
@pytest.mark.parametrize("operation", ["deposit", "withdraw"])
def test_invalid_amounts_are_refused_and_record_nothing(operation: str, amount: str) -> None:
    account = BankAccount("Alice", Decimal("10.00"))
    with pytest.raises(ValueError):
        getattr(account, operation)(Decimal(amount))
    assert (account.balance, account.transactions) == (Decimal("10.00"), []), (
        f"Called a refused {operation}({amount}). Got {account.balance} and "
        f"{account.transactions}, expected 10.00 and []"
    )


@pytest.mark.parametrize(("owner", "balance"), [(" ", "0"), ("Eve", "-0.01")])
def test_post_init_validates_the_fields(owner: str, balance: str) -> None:
    with pytest.raises(ValueError):
        BankAccount(owner, Decimal(balance))


def test_manager_creates_finds_and_totals_accounts() -> None:
    manager = AccountManager()
    alice = manager.create_account("Alice", Decimal("100.00"))
    manager.create_account("Bob").deposit(Decimal("0.10"))
    assert isinstance(alice, BankAccount) and manager.get_account("Alice") is alice
    assert manager.owners() == ["Alice", "Bob"], f"Called owners(). Got {manager.owners()}"
    total = manager.total_balance()
    assert total == Decimal("100.10"), f"Called total_balance(). Got {total}, expected 100.10"


def test_an_empty_manager_totals_a_decimal_zero() -> None:
    total = AccountManager().total_balance()
    assert isinstance(total, Decimal) and total == 0, (
        f"Called total_balance() with no accounts. Got {total!r}, expected Decimal('0') "
        "(sum() alone starts from the int 0)"
    )


def test_demo_prints_each_transaction_then_balances_and_total(
    capsys: pytest.CaptureFixture[str],
) -> None:
    typed_models.main()
    lines = capsys.readouterr().out.splitlines()
    starts = [
        "Transaction(id=1, amount=Decimal('25.50'), type=<TransactionType.DEPOSIT: 'deposit'>",
        "Transaction(id=1, amount=Decimal('10.00'), type=<TransactionType.DEPOSIT: 'deposit'>",
        "Transaction(id=2, amount=Decimal('5.50'), type=<TransactionType.WITHDRAWAL: 'withdrawal'>",
        "Balances: {'Alice': Decimal('120.00'), 'Bob': Decimal('10.00')}",
        "Total: 130.00",
    ]
    rest = iter(lines)  # each start is looked for after the previous one: the order counts
    missing = [start for start in starts if not any(line.startswith(start) for line in rest)]
    assert not missing, (
        f"Called main(). Got {lines}, expected lines starting with {starts} in this order; "
        f"not found: {missing}"
    )


def test_manager_refuses_a_second_account_for_the_same_owner() -> None:
    manager = AccountManager()
    manager.create_account("Alice", Decimal("1.00"))
    with pytest.raises(ValueError):
        manager.create_account("Alice")
    got = manager.get_account("Alice").balance
    assert got == Decimal("1.00"), f"Called create_account twice. Got balance {got}, expected 1.00"


def test_manager_answers_none_or_value_error_for_an_unknown_owner() -> None:
    manager = AccountManager()
    manager.create_account("Alice")
    got = manager.find_account("Zoe")
    assert got is None, f"Called find_account('Zoe'). Got {got}, expected None"
    with pytest.raises(ValueError):
        manager.get_account("Zoe")


@pytest.mark.hint("Declare each field as an annotated class attribute under @dataclass.")
def test_every_model_is_a_dataclass_with_the_contract_fields() -> None:
    expected: dict[type, list[tuple[str, object]]] = {
        Transaction: [
            ("id", int),
            ("amount", Decimal),
            ("type", TransactionType),
            ("timestamp", datetime),
        ],
        BankAccount: [("owner", str), ("balance", Decimal), ("transactions", list[Transaction])],
        AccountManager: [("accounts", dict[str, BankAccount])],
    }
    for model, fields in expected.items():
        assert dataclasses.is_dataclass(model), f"Called is_dataclass({model.__name__}). Got False"
        hints = typing.get_type_hints(model)
        got = [(field.name, hints[field.name]) for field in dataclasses.fields(model)]
        assert got == fields, f"Read the fields of {model.__name__}. Got {got}, expected {fields}"
