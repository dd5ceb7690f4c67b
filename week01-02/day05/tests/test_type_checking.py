"""Day 5: mypy --strict accepts typed_models.py and a correct use of it, and flags misuse."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from mypy import api

pytestmark = pytest.mark.day(5)

PROJECT = Path(__file__).resolve().parents[1]

# Reads every field with its declared type: it type-checks only when each field is annotated.
CORRECT_USE = """\
from datetime import UTC, datetime
from decimal import Decimal

from typed_models import AccountManager, BankAccount, Transaction, TransactionType

manager = AccountManager()
accounts: dict[str, BankAccount] = manager.accounts
account: BankAccount = manager.create_account("Alice", Decimal("1.00"))
owner: str = account.owner
balance: Decimal = account.balance
history: list[Transaction] = account.transactions
made: Transaction = account.deposit(Decimal("2.50"))
number: int = made.id
amount: Decimal = made.amount
kind: TransactionType = made.type
when: datetime = made.timestamp
copy = Transaction(id=1, amount=Decimal("1.00"), type=kind, timestamp=datetime.now(UTC))
maybe: BankAccount | None = manager.find_account("Bob")
if maybe is not None:
    maybe.withdraw(Decimal("1.00"))
"""

# Each numbered line is one mistake; mypy must name it with this error code.
MISUSE = """\
from decimal import Decimal
from typed_models import AccountManager

manager = AccountManager()
manager.create_account(42)
manager.get_account("Alice").deposit(10.5)
balance: int = manager.total_balance()
maybe = manager.find_account("Bob")
maybe.deposit(Decimal("1.00"))
manager.get_account("Alice").balance = 1.5
owner: int = manager.get_account("Alice").owner
manager.get_account("Alice").transactions[0].amount = Decimal("0")
"""
EXPECTED_MISUSE = [
    (5, "arg-type"),  # a number as owner
    (6, "arg-type"),  # a float as amount
    (7, "assignment"),  # a Decimal into an int
    (9, "union-attr"),  # a possibly-None account used unchecked
    (10, "assignment"),  # a float into the Decimal field balance
    (11, "assignment"),  # the str field owner into an int
    (12, "misc"),  # a field of the frozen Transaction changed
]


def find_config() -> Path:
    """The repository's pyproject.toml (its [tool.mypy] section), above the project."""
    return next(p / "pyproject.toml" for p in PROJECT.parents if (p / "pyproject.toml").is_file())


@dataclass(frozen=True)
class Report:
    """What mypy said: each file's errors as (line, error code), and its whole output."""

    errors: dict[str, list[tuple[int, str]]]
    output: str


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """Run mypy --strict once, on the models and on both samples."""
    folder = tmp_path_factory.mktemp("mypy")
    (folder / "correct_use.py").write_text(CORRECT_USE, encoding="utf-8")
    (folder / "misuse.py").write_text(MISUSE, encoding="utf-8")
    # The project's own cache keeps repeated runs under a second after the first.
    args = ["--strict", "--config-file", str(find_config()), "--show-error-codes"]
    args += ["--cache-dir", str(PROJECT / ".mypy_cache")]
    files = [PROJECT / "typed_models.py", folder / "correct_use.py", folder / "misuse.py"]
    output, _, _ = api.run([*args, *map(str, files)])
    errors: dict[str, list[tuple[int, str]]] = {path.name: [] for path in files}
    for line in output.splitlines():
        location, found, message = line.partition(": error: ")
        if not found:
            continue
        path, number = location.rsplit(":", 1)
        code = message.rsplit("  [", 1)[1].rstrip("]") if message.endswith("]") else "?"
        errors.setdefault(Path(path).name, []).append((int(number), code))
    return Report(errors, output)


@pytest.mark.hint(
    "Annotate every field with its type (owner: str, balance: Decimal = Decimal('0'), ...): "
    "mypy reads a dataclass's fields from these annotations."
)
def test_mypy_strict_accepts_the_models_and_a_correct_use_of_every_field(report: Report) -> None:
    got = {name: report.errors[name] for name in ("typed_models.py", "correct_use.py")}
    assert got == {"typed_models.py": [], "correct_use.py": []}, (
        f"Ran mypy --strict on typed_models.py and a correct use of its fields. "
        f"Got errors {got}, expected none\n{report.output}"
    )


@pytest.mark.hint(
    "mypy can only catch a misuse that the hints rule out: type every parameter, return value "
    "and field, return BankAccount | None from find_account, and freeze Transaction."
)
def test_mypy_strict_flags_each_misuse_with_its_error_code(report: Report) -> None:
    got = report.errors["misuse.py"]
    assert got == EXPECTED_MISUSE, (
        f"Ran mypy --strict on misuse.py. Got (line, code) {got}, expected {EXPECTED_MISUSE}"
        f"\n{report.output}"
    )
