"""Day 3: a BankAccount class with deposits, withdrawals and validation.

Money is a Decimal, not a float: a float cannot hold 0.10 exactly, so
0.10 + 0.20 == 0.30 is False with floats and cents drift over many operations.
"""

from decimal import Decimal

CENT = Decimal("0.01")


def check_amount(amount: Decimal) -> None:
    """Raise ValueError unless amount is a positive, whole number of cents."""
    if not amount.is_finite() or amount <= 0:
        raise ValueError(f"amount must be positive, got {amount}")
    if amount != amount.quantize(CENT):
        raise ValueError(f"amount must be a whole number of cents, got {amount}")


class BankAccount:
    """A bank account owned by one person; its balance never goes below zero."""

    def __init__(self, owner: str, balance: Decimal = Decimal("0")) -> None:
        """Open an account; ValueError for an empty owner or a negative, NaN or sub-cent balance."""
        if not owner.strip():
            raise ValueError("owner must not be empty")
        if not balance.is_finite() or balance < 0:
            raise ValueError(f"opening balance must be zero or more, got {balance}")
        if balance != 0:
            check_amount(balance)
        self.owner = owner
        # The leading underscore says: change this only through deposit() and withdraw().
        self._balance = balance

    def deposit(self, amount: Decimal) -> Decimal:
        """Add a positive amount and return the new balance."""
        check_amount(amount)
        self._balance += amount
        return self._balance

    def withdraw(self, amount: Decimal) -> Decimal:
        """Take out a positive amount and return the new balance.

        An amount larger than the balance raises ValueError and changes nothing.
        """
        check_amount(amount)
        if amount > self._balance:
            raise ValueError(
                f"cannot withdraw {amount} from {self.owner}'s account: balance is {self._balance}"
            )
        self._balance -= amount
        return self._balance

    def get_balance(self) -> Decimal:
        """Return the current balance."""
        return self._balance

    def __repr__(self) -> str:
        """Show the account as code, e.g. BankAccount(owner='Bob', balance=Decimal('5.25'))."""
        return f"BankAccount(owner={self.owner!r}, balance=Decimal('{self._balance}'))"


def main() -> None:
    """Open three accounts and show deposits, withdrawals and a refused withdrawal.

    Alice opens with 100.00, Bob with 25.50, Chen with nothing. Alice deposits 50.00,
    Bob withdraws 20.25, Chen deposits 0.10 then 0.20, and Bob's withdrawal of 1000
    is refused: print "Refused: <the error>". Finish with one line per account,
    "<owner>: <balance>", e.g. "Alice: 150.00".
    """
    accounts = [
        BankAccount("Alice", Decimal("100.00")),
        BankAccount("Bob", Decimal("25.50")),
        BankAccount("Chen"),
    ]
    alice, bob, chen = accounts
    print(f"Alice deposits 50.00: balance {alice.deposit(Decimal('50.00'))}")
    print(f"Bob withdraws 20.25: balance {bob.withdraw(Decimal('20.25'))}")
    chen.deposit(Decimal("0.10"))
    print(f"Chen deposits 0.10 then 0.20: balance {chen.deposit(Decimal('0.20'))} (exact)")
    try:
        bob.withdraw(Decimal("1000"))
    except ValueError as error:
        print(f"Refused: {error}")
    for account in accounts:
        print(f"{account.owner}: {account.get_balance()}")


if __name__ == "__main__":
    main()
