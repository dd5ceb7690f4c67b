"""Day 7: a bank whose accounts survive between runs, saved as JSON.

    python persistent_bank.py open Alice 100.00
    python persistent_bank.py deposit Alice 25.50
    python persistent_bank.py show

Each run loads bank.json (or --file PATH), applies one command and saves the result.
Money is Decimal, not float, so cents stay exact; it is stored in JSON as a string
because a JSON number is read back as a float.
"""

import argparse
import json
import os
import re
import stat
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, Self

FORMAT_VERSION = 1
CENT = Decimal("0.01")
# Amounts and balances stay below a quadrillion: with the cents that is 17 digits, well inside
# Decimal's 28, so no sum is ever rounded. A bigger number in a file or an argument is refused.
MAX_MONEY = Decimal("1000000000000000")
# A bank file this big is no bank file; reading it whole would cost seconds and gigabytes.
MAX_FILE_BYTES = 16 * 2**20
# Control characters (a terminal obeys them: ESC starts an escape sequence) and lone surrogates
# (what Python makes of bytes that are not UTF-8): an owner name may hold neither.
UNSAFE_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
Kind = Literal["deposit", "withdrawal"]


class BankError(Exception):
    """An operation the bank refuses: bad amount, unknown owner, insufficient funds."""


class BankFileError(Exception):
    """The bank file cannot be read or written."""


class BankFileNotFoundError(BankFileError):
    """There is no bank file at the given path yet."""


class CorruptBankFileError(BankFileError):
    """The file exists but does not hold a valid bank; it is left untouched."""


def parse_amount(text: str) -> Decimal:
    """Turn text into a positive Decimal of whole cents below MAX_MONEY, or raise BankError."""
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise BankError(f"{text!r} is not an amount") from None
    # The bound comes before quantize(), which fails on numbers of more than 28 digits.
    if not amount.is_finite() or not 0 < amount < MAX_MONEY or amount != amount.quantize(CENT):
        raise BankError(
            f"amount must be a positive number of cents below {MAX_MONEY:,}, got {text!r}"
        )
    return amount.quantize(CENT)  # "5" is stored as "5.00"


def owner_problem(owner: str) -> str | None:
    """Why `owner` cannot name an account (empty, a control character, not UTF-8), or None."""
    if not owner.strip():
        return "owner must not be empty"
    if UNSAFE_TEXT.search(owner):
        return f"owner {owner!r} holds a control character or bytes that are not UTF-8"
    return None


def decimal_field(data: dict[str, Any], key: str) -> Decimal:
    """Read data[key], money written as a string ("12.50"); raise ValueError for anything else."""
    value = data[key]
    if not isinstance(value, str):
        raise ValueError(f'{key} must be a string like "12.50", got {value!r}')
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{key} {value!r} is not a number") from None
    if not amount.is_finite():
        raise ValueError(f"{key} {value!r} is not a finite number")
    return amount


@dataclass(frozen=True)
class Transaction:
    """One deposit or withdrawal with its UTC time."""

    kind: Kind
    amount: Decimal
    timestamp: datetime

    def to_dict(self) -> dict[str, str]:
        """Return a JSON-ready dict: Decimal and datetime become strings."""
        return {
            "kind": self.kind,
            "amount": str(self.amount),
            "timestamp": self.timestamp.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Rebuild a transaction from to_dict()'s output; ValueError for a naive timestamp."""
        kind = data["kind"]
        if kind not in ("deposit", "withdrawal"):
            raise ValueError(f"unknown transaction kind {kind!r}")
        timestamp = datetime.fromisoformat(data["timestamp"])
        if timestamp.tzinfo is None:
            raise ValueError(f"timestamp {data['timestamp']!r} has no time zone")
        return cls(kind, decimal_field(data, "amount"), timestamp)


@dataclass
class Account:
    """An account whose balance never goes below zero."""

    owner: str
    balance: Decimal = Decimal("0.00")
    transactions: list[Transaction] = field(default_factory=list)

    def __post_init__(self) -> None:
        problem = owner_problem(self.owner)
        if problem:
            raise ValueError(problem)
        if not self.balance.is_finite() or not 0 <= self.balance < MAX_MONEY:
            raise ValueError(
                f"balance must be from zero to below {MAX_MONEY:,}, got {self.balance}"
            )

    def deposit(self, amount: Decimal) -> None:
        """Add amount and record it, unless the balance would reach MAX_MONEY."""
        if self.balance + amount >= MAX_MONEY:
            raise BankError(f"{self.owner} has {self.balance}: {amount} more reaches the limit")
        self.balance += amount
        self.transactions.append(Transaction("deposit", amount, datetime.now(UTC)))

    def withdraw(self, amount: Decimal) -> None:
        """Take out amount if the balance allows it, and record it."""
        if amount > self.balance:
            raise BankError(f"{self.owner} has {self.balance}, cannot withdraw {amount}")
        self.balance -= amount
        self.transactions.append(Transaction("withdrawal", amount, datetime.now(UTC)))

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the account and its transactions."""
        return {
            "owner": self.owner,
            "balance": str(self.balance),
            "transactions": [t.to_dict() for t in self.transactions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Rebuild an account from to_dict()'s output."""
        transactions = [Transaction.from_dict(t) for t in data["transactions"]]
        return cls(data["owner"], decimal_field(data, "balance"), transactions)


@dataclass
class Bank:
    """All accounts, one per owner, with JSON persistence."""

    accounts: dict[str, Account] = field(default_factory=dict)

    def open_account(self, owner: str, balance: Decimal = Decimal("0.00")) -> Account:
        """Open an account for a new owner."""
        problem = owner_problem(owner)
        if problem:
            raise BankError(problem)
        if owner in self.accounts:
            raise BankError(f"{owner} already has an account")
        account = Account(owner, balance)
        self.accounts[owner] = account
        return account

    def get_account(self, owner: str) -> Account:
        """Return the owner's account or raise BankError."""
        if owner not in self.accounts:
            raise BankError(f"no account for {owner!r}")
        return self.accounts[owner]

    def save_to_file(self, filename: str | Path) -> None:
        """Write the bank to filename as JSON, atomically: the old file stays whole on failure.

        A symlink is written through: its target gets the new bank and the link stays a link.
        A read-only file, or one that is not a regular file, raises BankFileError untouched.
        """
        # os.replace on a link would swap the link itself for a regular file: follow it first.
        path = Path(os.path.realpath(filename))
        document = {
            "version": FORMAT_VERSION,
            "accounts": [account.to_dict() for account in self.accounts.values()],
        }
        text = json.dumps(document, indent=2) + "\n"  # pragma: no mutate (layout)
        try:
            # os.replace needs only a writable folder, so it would swap a read-only file away
            # (or a named pipe, or as root even a device): ask the file itself first. The
            # write bits count for root too, whom os.access always allows.
            if path.exists():
                mode = path.stat().st_mode
                if not stat.S_ISREG(mode):
                    raise BankFileError(f"cannot save to {filename}: it is not a regular file")
                if not mode & 0o222 or not os.access(path, os.W_OK):
                    raise BankFileError(f"cannot save to {filename}: it is read-only")
            # Write a temporary file beside the target, then swap it in with os.replace,
            # which is atomic: a crash mid-write can never leave half a bank.json behind.
            # mkstemp creates the file readable by its owner only, which suits bank data.
            fd, temp_name = tempfile.mkstemp(
                dir=path.parent,
                prefix=f".{path.name}.",  # pragma: no mutate (a name)
                suffix=".tmp",  # pragma: no mutate (a name)
            )
        except OSError as error:
            raise BankFileError(f"cannot save to {path}: {error.strerror}") from error
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as file:  # pragma: no mutate (ASCII)
                file.write(text)
                file.flush()
                os.fsync(file.fileno())  # the bytes are on disk before the rename
            os.replace(temp_name, path)
        except OSError as error:
            Path(temp_name).unlink(missing_ok=True)
            raise BankFileError(f"cannot save to {path}: {error.strerror}") from error

    @classmethod
    def load_from_file(cls, filename: str | Path) -> Self:
        """Read a bank saved by save_to_file, or raise a BankFileError saying what is wrong.

        BankFileNotFoundError when there is no file; CorruptBankFileError when it does not
        hold a valid bank (not JSON, or JSON of the wrong shape).
        """
        path = Path(filename)
        try:
            # stat before opening: opening a named pipe would wait for a writer forever.
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                raise BankFileError(f"{path} is not a regular file (a folder, a pipe or a device)")
            if info.st_size > MAX_FILE_BYTES:
                raise CorruptBankFileError(f"{path} is over {MAX_FILE_BYTES // 2**20} MiB")
            text = path.read_text(encoding="utf-8")  # pragma: no mutate (UTF-8 locale)
        except FileNotFoundError:
            raise BankFileNotFoundError(f"no bank file at {path}") from None
        except UnicodeDecodeError:
            raise CorruptBankFileError(f"{path} is not a text file") from None
        except OSError as error:
            raise BankFileError(f"cannot read {path}: {error.strerror}") from error
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise CorruptBankFileError(
                f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
            ) from None
        except ValueError:  # int() refuses a number of over 4,300 digits
            raise CorruptBankFileError(f"{path} holds a number too long to read") from None
        except RecursionError:
            raise CorruptBankFileError(f"{path} is nested too deeply to be a bank") from None
        try:
            accounts = accounts_from_document(document)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            detail = f"missing field {error}" if isinstance(error, KeyError) else str(error)
            raise CorruptBankFileError(f"{path} does not hold a valid bank: {detail}") from None
        return cls({account.owner: account for account in accounts})


def accounts_from_document(document: Any) -> list[Account]:
    """Check the parsed JSON's shape and rebuild its accounts; raise ValueError if it is wrong."""
    if not isinstance(document, dict):
        raise ValueError("the top level must be a JSON object")
    version = document.get("version")
    if type(version) is not int or version != FORMAT_VERSION:  # `true == 1` in Python
        raise ValueError(f"unsupported format version {version!r}")
    accounts = [Account.from_dict(data) for data in document["accounts"]]
    owners = [account.owner for account in accounts]
    if len(set(owners)) != len(owners):
        raise ValueError("an owner appears twice")
    return accounts


def plural(items: list[Transaction]) -> str:
    """Return the suffix that makes 'transaction' agree with len(items)."""
    return "" if len(items) == 1 else "s"


def load_or_start(path: Path) -> Bank:
    """Load the bank at path; on the very first run, when no file exists yet, start empty."""
    try:
        return Bank.load_from_file(path)
    except BankFileNotFoundError:
        return Bank()


def run_command(bank: Bank, args: argparse.Namespace) -> str:
    """Apply one parsed command to bank and return the line to print."""
    if args.command == "show":
        lines = [
            f"{a.owner}: {a.balance} ({len(a.transactions)} transaction{plural(a.transactions)})"
            for a in bank.accounts.values()
        ]
        return "\n".join(lines) or "no accounts yet"
    if args.command == "open":
        opening = parse_amount(args.amount) if args.amount else Decimal("0.00")
        account = bank.open_account(args.owner, opening)
        return f"opened an account for {account.owner} with {account.balance}"
    account = bank.get_account(args.owner)
    amount = parse_amount(args.amount)
    if args.command == "deposit":
        account.deposit(amount)
    else:
        account.withdraw(amount)
    return f"{account.owner}: {account.balance}"


def build_parser() -> argparse.ArgumentParser:  # pragma: no mutate block (given: help texts)
    """Describe the command line: one command per run, applied to the bank file."""
    parser = argparse.ArgumentParser(description="A bank whose accounts are saved as JSON.")
    parser.add_argument("--file", type=Path, default=Path("bank.json"), help="default: bank.json")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("show", help="list the accounts")
    opening = commands.add_parser("open", help="open an account")
    opening.add_argument("owner")
    opening.add_argument("amount", nargs="?", help="opening deposit (omit for 0.00)")
    for name in ("deposit", "withdraw"):
        command = commands.add_parser(name, help=f"{name} an amount")
        command.add_argument("owner")
        command.add_argument("amount")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Load the bank, apply one command, save if it changed anything; return the exit status.

    A BankError or BankFileError becomes one `error: ...` line on stderr and exit status 1.
    """
    args = build_parser().parse_args(argv)
    try:
        bank = load_or_start(args.file)
        message = run_command(bank, args)
        if args.command != "show":
            bank.save_to_file(args.file)  # only after the command succeeded
    except (BankError, BankFileError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
