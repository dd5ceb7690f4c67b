"""Day 6: a bank account that signals failures with its own exceptions and logs every operation.

Run `python bank_with_errors.py [LOG_FILE]`: log lines go to the console and to LOG_FILE
(default bank.log). Money is Decimal, not float, so cents stay exact.
"""

import logging
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

CENT = Decimal("0.01")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# A named logger, configured once by the program's entry point, not at import time.
logger = logging.getLogger("bank")


class BankError(Exception):
    """Base of every error the bank raises on purpose; catch this to handle them all."""


class InvalidAmountError(BankError):
    """The amount is not a positive, whole number of cents (zero, NaN, 0.001...)."""


class NegativeAmountError(InvalidAmountError):
    """The amount is below zero: a special case of an invalid amount."""


class InsufficientFundsError(BankError):
    """A withdrawal asked for more than the balance."""

    def __init__(self, owner: str, balance: Decimal, requested: Decimal) -> None:
        """Keep balance and requested as attributes; the message names owner and both sums."""
        super().__init__(f"{owner} has {balance}, cannot withdraw {requested}")
        # Kept as attributes so a handler can act on them without parsing the message.
        self.balance = balance
        self.requested = requested


def check_amount(amount: Decimal) -> None:
    """Raise NegativeAmountError or InvalidAmountError unless amount is a valid sum of money."""
    if amount.is_finite() and amount < 0:
        raise NegativeAmountError(f"amount cannot be negative, got {amount}")
    if not amount.is_finite() or amount == 0 or amount != amount.quantize(CENT):
        raise InvalidAmountError(f"amount must be a positive number of cents, got {amount}")


class BankAccount:
    """An account that raises a BankError on refusal and logs each successful operation."""

    def __init__(self, owner: str, balance: Decimal = Decimal("0")) -> None:
        """Open the account (a non-zero opening balance must be a valid amount); log at INFO."""
        if balance != 0:
            check_amount(balance)
        self.owner = owner
        self._balance = balance
        logger.info("opened an account for %s with %s", owner, balance)

    def deposit(self, amount: Decimal) -> Decimal:
        """Add a valid amount, log it at INFO and return the new balance."""
        check_amount(amount)
        self._balance += amount
        logger.info("%s deposited %s; balance %s", self.owner, amount, self._balance)
        return self._balance

    def withdraw(self, amount: Decimal) -> Decimal:
        """Take out a valid amount up to the balance, log it at INFO, return the new balance."""
        check_amount(amount)
        if amount > self._balance:
            raise InsufficientFundsError(self.owner, self._balance, amount)
        self._balance -= amount
        logger.info("%s withdrew %s; balance %s", self.owner, amount, self._balance)
        return self._balance

    def get_balance(self) -> Decimal:
        """Return the current balance."""
        return self._balance


def attempt(operation: Callable[[Decimal], Decimal], amount: Decimal) -> bool:
    """Run account.deposit or account.withdraw; log a refusal as ERROR instead of crashing.

    Return True on success, False on a BankError; let any other exception through.
    """
    # Failures are logged here, where they are handled, not where they are raised:
    # logging in both places would report each failure twice.
    try:
        operation(amount)
    except BankError as error:
        logger.error("%s of %s refused: %s", operation.__name__, amount, error)
        return False
    # Anything other than a BankError is a bug: it is not caught, so it is never hidden.
    return True


def configure_logging(log_file: Path, level: int = logging.INFO) -> None:
    """Send the bank's log lines to the console (stderr) and to log_file, replacing old handlers."""
    for handler in logger.handlers[:]:
        logger.removeHandler(handler)
        handler.close()
    formatter = logging.Formatter(LOG_FORMAT)
    handlers: list[logging.Handler] = [
        logging.StreamHandler(sys.stderr),
        logging.FileHandler(log_file, encoding="utf-8"),
    ]
    for handler in handlers:
        handler.setFormatter(formatter)
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False  # the root logger would print each line a second time


def main(argv: list[str] | None = None) -> int:
    """Run a short session with two successes and three refusals; return the exit status."""
    args = sys.argv[1:] if argv is None else argv
    log_file = Path(args[0]) if args else Path("bank.log")
    try:
        configure_logging(log_file)
    except OSError as error:
        print(f"error: cannot open log file {log_file}: {error.strerror}", file=sys.stderr)
        return 1
    try:
        account = BankAccount("Alice", Decimal("100.00"))
        attempt(account.deposit, Decimal("50.00"))
        attempt(account.withdraw, Decimal("500.00"))
        attempt(account.deposit, Decimal("-20.00"))
        attempt(account.withdraw, Decimal("0"))
        attempt(account.withdraw, Decimal("30.00"))
        print(f"Final balance for {account.owner}: {account.get_balance()}")
    finally:
        # Runs even if something above raised: the log file is flushed and closed.
        for handler in logger.handlers[:]:
            logger.removeHandler(handler)
            handler.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
