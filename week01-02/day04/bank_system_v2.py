"""Day 4: account types by inheritance, transaction tracking by composition.

Inheritance models "is-a": a SavingsAccount *is a* BankAccount, so it reuses every
rule of BankAccount and changes only what differs (interest, overdraft). Use it when
the subclass can stand in anywhere the parent is expected.

Composition models "has-a": an account *has a* TransactionHistory. The history is a
separate object the account holds and calls; it can be tested alone and reused by
anything that moves money. Prefer it when you only need another object's behaviour.

Money is Decimal, not float, so cents stay exact (0.10 + 0.20 == 0.30).
"""

from collections.abc import Iterator
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

CENT = Decimal("0.01")
TransactionKind = Literal["deposit", "withdrawal", "interest"]


def check_amount(amount: Decimal) -> None:
    """Raise ValueError unless amount is a positive, whole number of cents."""
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"amount must be positive, got {amount}")
    if amount != amount.quantize(CENT):
        raise ValueError(f"amount must be a whole number of cents, got {amount}")


class Transaction:
    """One movement of money: its kind, its amount and the balance right after it."""

    def __init__(self, kind: TransactionKind, amount: Decimal, balance_after: Decimal) -> None:
        self.kind = kind
        self.amount = amount
        self.balance_after = balance_after

    def __repr__(self) -> str:
        """Show the transaction, e.g. Transaction('deposit', 20.00, balance_after=120.00)."""
        return f"Transaction({self.kind!r}, {self.amount}, balance_after={self.balance_after})"


class TransactionHistory:
    """The ordered record of an account's transactions; the account owns one (composition)."""

    def __init__(self) -> None:
        """Start with no transactions."""
        self._transactions: list[Transaction] = []

    def record(self, kind: TransactionKind, amount: Decimal, balance_after: Decimal) -> None:
        """Append one transaction."""
        self._transactions.append(Transaction(kind, amount, balance_after))

    def total(self, kind: TransactionKind) -> Decimal:
        """Return the sum of all transactions of one kind."""
        return sum((t.amount for t in self._transactions if t.kind == kind), Decimal("0"))

    def __len__(self) -> int:
        """Return how many transactions were recorded."""
        return len(self._transactions)

    def __iter__(self) -> Iterator[Transaction]:
        """Yield the transactions, oldest first."""
        return iter(self._transactions)


class BankAccount:
    """An account whose withdrawals are limited by available_funds()."""

    def __init__(self, owner: str, balance: Decimal = Decimal("0")) -> None:
        """Open an account with its own empty history; ValueError as in day 3."""
        if not owner.strip():
            raise ValueError("owner must not be empty")
        if not balance.is_finite() or balance < 0:
            raise ValueError(f"opening balance must be zero or more, got {balance}")
        if balance != 0:
            check_amount(balance)
        self.owner = owner
        self._balance = balance
        self.history = TransactionHistory()  # composition: the account has a history

    def available_funds(self) -> Decimal:
        """Return how much may be withdrawn now; subclasses override this rule."""
        return self._balance

    def deposit(self, amount: Decimal) -> Decimal:
        """Add a positive amount, record it, and return the new balance."""
        check_amount(amount)
        self._balance += amount
        self.history.record("deposit", amount, self._balance)
        return self._balance

    def withdraw(self, amount: Decimal) -> Decimal:
        """Take out a positive amount up to available_funds(), record it, return the balance.

        A larger amount raises ValueError and changes nothing (no balance change, no record).
        """
        check_amount(amount)
        if amount > self.available_funds():
            raise ValueError(
                f"cannot withdraw {amount} from {self.owner}'s account: "
                f"only {self.available_funds()} available"
            )
        self._balance -= amount
        self.history.record("withdrawal", amount, self._balance)
        return self._balance

    def get_balance(self) -> Decimal:
        """Return the current balance."""
        return self._balance

    def __repr__(self) -> str:
        """Show the account with its own class name, e.g. SavingsAccount(owner='Alice', ...)."""
        return f"{type(self).__name__}(owner={self.owner!r}, balance={self._balance})"


class SavingsAccount(BankAccount):
    """A BankAccount that earns interest at a fixed rate per period."""

    def __init__(
        self, owner: str, balance: Decimal = Decimal("0"), interest_rate: Decimal = Decimal("0.02")
    ) -> None:
        """Open a savings account; ValueError unless 0 <= interest_rate <= 1."""
        super().__init__(owner, balance)  # reuse the parent's validation and set-up
        if not interest_rate.is_finite() or not 0 <= interest_rate <= 1:
            raise ValueError(f"interest rate must be between 0 and 1, got {interest_rate}")
        self.interest_rate = interest_rate

    def calculate_interest(self) -> Decimal:
        """Return one period's interest on the current balance, rounded to the cent."""
        # Banker's rounding (half to even) avoids a systematic upward bias over many accounts.
        return (self._balance * self.interest_rate).quantize(CENT, rounding=ROUND_HALF_EVEN)

    def apply_interest(self) -> Decimal:
        """Credit one period's interest, record it, and return the amount credited."""
        interest = self.calculate_interest()
        if interest > 0:
            self._balance += interest
            self.history.record("interest", interest, self._balance)
        return interest


class CheckingAccount(BankAccount):
    """A BankAccount that may go below zero, down to minus its overdraft limit."""

    def __init__(
        self,
        owner: str,
        balance: Decimal = Decimal("0"),
        overdraft_limit: Decimal = Decimal("100.00"),
    ) -> None:
        """Open a checking account; ValueError for a negative or sub-cent overdraft_limit."""
        super().__init__(owner, balance)
        if overdraft_limit != 0:
            check_amount(overdraft_limit)
        self.overdraft_limit = overdraft_limit

    def available_funds(self) -> Decimal:
        """Return the balance plus the overdraft still unused."""
        # Overriding one small method changes withdraw() without copying it.
        return self._balance + self.overdraft_limit


def main() -> None:
    """Show both account types used through the same BankAccount interface.

    Alice has a SavingsAccount of 1000.00 at 5% interest, Bob a CheckingAccount of 50.00
    with a 100.00 overdraft. Each withdraws 120.00 ("Bob withdraws 120.00: balance -70.00"),
    Bob's next withdrawal of 100.00 is refused ("Refused: <the error>"), Alice is credited
    her interest ("Alice earns interest: 44.00"), then each account's history is printed.
    """
    savings = SavingsAccount("Alice", Decimal("1000.00"), interest_rate=Decimal("0.05"))
    checking = CheckingAccount("Bob", Decimal("50.00"), overdraft_limit=Decimal("100.00"))
    accounts: list[BankAccount] = [savings, checking]
    for account in accounts:  # polymorphism: each type applies its own withdrawal rule
        balance = account.withdraw(Decimal("120.00"))
        print(f"{account.owner} withdraws 120.00: balance {balance}")
    try:
        checking.withdraw(Decimal("100.00"))
    except ValueError as error:
        print(f"Refused: {error}")
    print(f"Alice earns interest: {savings.apply_interest()}")
    for account in accounts:
        print(f"{account!r}")
        for entry in account.history:
            print(f"  {entry.kind:<10} {entry.amount:>8}  -> {entry.balance_after}")


if __name__ == "__main__":
    main()
