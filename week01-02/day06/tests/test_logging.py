"""Day 6: every operation is logged to the console and to the log file."""

import logging
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from bank_with_errors import BankAccount, attempt, configure_logging, logger, main

pytestmark = pytest.mark.day(6)


def flush_logs() -> None:
    for handler in logger.handlers:
        handler.flush()


@pytest.mark.hint(
    "Log successes with logger.info() in BankAccount, refusals with logger.error() in attempt(); "
    "the README's Contract gives each message."
)
def test_success_is_logged_as_info_and_refusal_as_error_in_the_file(tmp_path: Path) -> None:
    log_file = tmp_path / "bank.log"
    configure_logging(log_file)
    account = BankAccount("Alice", Decimal("10.00"))
    attempt(account.deposit, Decimal("5.00"))
    attempt(account.withdraw, Decimal("100.00"))
    attempt(account.withdraw, Decimal("2.50"))
    flush_logs()
    lines = log_file.read_text(encoding="utf-8").splitlines()
    expected = [
        ("INFO", "opened an account for Alice with 10.00"),
        ("INFO", "Alice deposited 5.00; balance 15.00"),
        ("ERROR", "withdraw of 100.00 refused: Alice has 15.00, cannot withdraw 100.00"),
        ("INFO", "Alice withdrew 2.50; balance 12.50"),
    ]
    for level, message in expected:
        assert any(f" {level} bank: {message}" in line for line in lines), (
            f"Read {log_file.name}. Got {lines}, expected a {level} line {message!r}"
        )


def test_the_same_lines_reach_the_console(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(tmp_path / "bank.log")
    BankAccount("Bob").deposit(Decimal("1.00"))
    err = capsys.readouterr().err
    assert "INFO bank: Bob deposited 1.00; balance 1.00" in err, (
        f"Called deposit(1.00) with logging configured. Got stderr {err!r}, expected the INFO line"
    )


def test_the_lines_do_not_reach_the_root_logger_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging(tmp_path / "bank.log")
    with caplog.at_level(logging.INFO):
        BankAccount("Bob").deposit(Decimal("1.00"))
    passed_on = [record.getMessage() for record in caplog.records if record.name == "bank"]
    assert passed_on == [], (
        f"Called deposit(1.00) with logging configured. Got {passed_on} at the root logger, "
        "expected none (logger.propagate = False)"
    )


def test_configuring_twice_does_not_duplicate_lines(tmp_path: Path) -> None:
    log_file = tmp_path / "bank.log"
    configure_logging(log_file)
    configure_logging(log_file)
    BankAccount("Chen").deposit(Decimal("2.00"))
    flush_logs()
    count = log_file.read_text(encoding="utf-8").count("Chen deposited 2.00")
    assert count == 1, (
        f"Called configure_logging twice, then deposit. Got {count} lines, expected 1"
    )


def test_main_logs_to_the_given_file_and_reports_the_final_balance(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = tmp_path / "session.log"
    status = main([str(log_file)])
    out = capsys.readouterr().out
    text = log_file.read_text(encoding="utf-8")
    assert status == 0 and out == "Final balance for Alice: 120.00\n", (
        f"Called main([log]). Got {status} and {out!r}, expected 0 and the final balance 120.00"
    )
    counts = (text.count(" INFO bank: "), text.count(" ERROR bank: "))
    assert counts == (3, 3), f"Read the session log. Got (INFO, ERROR) {counts}, expected (3, 3)"
    assert logger.handlers == [], "Called main(). Got handlers still open, expected them closed"


def test_main_logs_to_bank_log_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    status = main([])
    log_file = tmp_path / "bank.log"
    text = log_file.read_text(encoding="utf-8") if log_file.is_file() else ""
    assert status == 0 and "Alice deposited 50.00" in text, (
        f"Called main([]) in an empty folder. Got exit status {status} and bank.log "
        f"{'holding ' + repr(text[:80]) if text else 'missing'}, expected 0 and the session's log"
    )


def test_main_reads_the_log_file_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    log_file = tmp_path / "from-argv.log"
    monkeypatch.setattr(sys, "argv", ["bank_with_errors.py", str(log_file)])
    status = main()
    assert status == 0 and log_file.is_file(), (
        f"Called main() with sys.argv {sys.argv}. Got exit status {status} and "
        f"{log_file.name} {'present' if log_file.is_file() else 'missing'}, expected 0 and the file"
    )


def test_main_reports_an_unopenable_log_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main([str(tmp_path / "missing-folder" / "bank.log")])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith("error: cannot open log file") and err.count("\n") == 1, (
        f"Called main([path in a missing folder]). Got {status} and {err!r}, "
        "expected 1 and one line 'error: cannot open log file ...'"
    )
