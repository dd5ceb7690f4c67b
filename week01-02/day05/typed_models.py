"""Day 5: the bank as dataclasses with complete type hints, checked by `mypy --strict`.

@dataclass writes __init__, __repr__ and __eq__ from the annotated fields, so each class
states only its data and its rules. Money is Decimal, not float, so cents stay exact.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum

CENT = Decimal("0.01")


class TransactionType(StrEnum):
    """What a transaction did to the balance."""

    DEPOSIT = "deposit"
    WITHDRAWAL = "withdrawal"


def check_amount(amount: Decimal) -> None:
    """Raise ValueError unless amount is a positive, whole number of cents."""
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"amount must be positive, got {amount}")
    if amount != amount.quantize(CENT):
        raise ValueError(f"amount must be a whole number of cents, got {amount}")


# frozen=True: a recorded transaction is a fact; nothing may edit it afterwards.
@dataclass(frozen=True)
class Transaction:
    """One deposit or withdrawal, numbered within its account and stamped in UTC.

    Fields, in order: id (int), amount (Decimal), type (TransactionType), timestamp (datetime).
    """

    id: int
    amount: Decimal
    type: TransactionType
    timestamp: datetime


@dataclass
class BankAccount:
    """An account whose balance never goes below zero and whose transactions are kept.

    Fields, in order: owner (str), balance (Decimal, default 0),
    transactions (list of Transaction, a new empty list for each account).
    """

    owner: str
    balance: Decimal = Decimal("0")
    # A mutable default must come from a factory, or every account would share one list.
    transactions: list[Transaction] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Refuse a blank owner or a negative (or NaN) opening balance with ValueError."""
        if not self.owner.strip():
            raise ValueError("owner must not be empty")
        if not self.balance.is_finite() or self.balance < 0:
            raise ValueError(f"opening balance must be zero or more, got {self.balance}")

    def deposit(self, amount: Decimal) -> Transaction:
        """Add a positive amount and return the recorded transaction."""
        check_amount(amount)
        self.balance += amount
        return self._record(amount, TransactionType.DEPOSIT)

    def withdraw(self, amount: Decimal) -> Transaction:
        """Take out a positive amount no larger than the balance; return the transaction."""
        check_amount(amount)
        if amount > self.balance:
            raise ValueError(f"cannot withdraw {amount}: {self.owner}'s balance is {self.balance}")
        self.balance -= amount
        return self._record(amount, TransactionType.WITHDRAWAL)

    def _record(self, amount: Decimal, kind: TransactionType) -> Transaction:
        """Append a transaction numbered after the last one, stamped now in UTC; return it."""
        transaction = Transaction(
            id=len(self.transactions) + 1,
            amount=amount,
            type=kind,
            timestamp=datetime.now(UTC),  # aware UTC time: unambiguous across time zones
        )
        self.transactions.append(transaction)
        return transaction


@dataclass
class AccountManager:
    """Holds the accounts of a bank, one per owner.

    One field: accounts (dict from owner to BankAccount, a new empty dict for each manager).
    """

    accounts: dict[str, BankAccount] = field(default_factory=dict)

    def create_account(self, owner: str, balance: Decimal = Decimal("0")) -> BankAccount:
        """Open an account for a new owner; an owner may hold only one."""
        if owner in self.accounts:
            raise ValueError(f"{owner} already has an account")
        account = BankAccount(owner, balance)
        self.accounts[owner] = account
        return account

    def find_account(self, owner: str) -> BankAccount | None:
        """Return the owner's account, or None when there is none."""
        return self.accounts.get(owner)

    def get_account(self, owner: str) -> BankAccount:
        """Return the owner's account, or raise ValueError naming the missing owner."""
        if (account := self.find_account(owner)) is None:
            raise ValueError(f"no account for {owner}")
        return account

    def owners(self) -> list[str]:
        """Return the owners in alphabetical order."""
        return sorted(self.accounts)

    def balances(self) -> dict[str, Decimal]:
        """Return each owner's balance."""
        return {owner: account.balance for owner, account in self.accounts.items()}

    def total_balance(self) -> Decimal:
        """Return the sum of all balances."""
        return sum(self.balances().values(), Decimal("0"))


def main() -> None:
    """Open two accounts, move money, and print the dataclasses' generated reprs."""
    manager = AccountManager()
    alice = manager.create_account("Alice", Decimal("100.00"))
    bob = manager.create_account("Bob")
    print(alice.deposit(Decimal("25.50")))
    print(bob.deposit(Decimal("10.00")))
    print(alice.withdraw(Decimal("5.50")))
    print(f"Balances: {manager.balances()}")
    print(f"Total: {manager.total_balance()}")


if __name__ == "__main__":
    main()
