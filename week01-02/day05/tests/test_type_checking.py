"""Day 5: mypy --strict accepts typed_models.py and catches misuse of its typed API."""

from pathlib import Path

import pytest
from mypy import api

pytestmark = pytest.mark.day(5)

PROJECT = Path(__file__).resolve().parents[1]
CONFIG = PROJECT.parents[1] / "pyproject.toml"

MISUSE = """\
from decimal import Decimal
from typed_models import AccountManager

manager = AccountManager()
manager.create_account(42)
manager.get_account("Alice").deposit(10.5)
balance: int = manager.total_balance()
maybe = manager.find_account("Bob")
maybe.deposit(Decimal("1.00"))
"""


def test_mypy_strict_passes_on_the_models_and_flags_each_misuse(tmp_path: Path) -> None:
    misuse = tmp_path / "misuse.py"
    misuse.write_text(MISUSE, encoding="utf-8")
    # The project's own cache keeps repeated runs under a second after the first.
    args = ["--strict", "--config-file", str(CONFIG), "--cache-dir", str(PROJECT / ".mypy_cache")]
    report, _, _ = api.run([*args, str(PROJECT / "typed_models.py"), str(misuse)])
    error_lines = sorted(
        int(line.split(":")[1]) for line in report.splitlines() if ": error:" in line
    )
    assert "typed_models.py" not in report, f"Ran mypy --strict. Got {report}, expected no errors"
    assert error_lines == [5, 6, 7, 9], (
        f"Ran mypy --strict on misuse.py. Got errors on lines {error_lines}, expected [5, 6, 7, 9]"
        f"\n{report}"
    )
