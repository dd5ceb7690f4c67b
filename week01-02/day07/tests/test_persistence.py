"""Day 7: save_to_file and load_from_file keep every account, amount and timestamp."""

import json
import os
import re
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from persistent_bank import (
    Bank,
    BankFileError,
    BankFileNotFoundError,
    CorruptBankFileError,
)

pytestmark = pytest.mark.day(7)


def sample_bank() -> Bank:
    bank = Bank()
    alice = bank.open_account("Alice", Decimal("100.00"))
    alice.deposit(Decimal("0.10"))
    alice.withdraw(Decimal("20.05"))
    bank.open_account("Bob")
    return bank


def test_a_saved_bank_loads_back_equal(tmp_path: Path) -> None:
    bank = sample_bank()
    path = tmp_path / "bank.json"
    bank.save_to_file(path)
    loaded = Bank.load_from_file(path)
    assert loaded == bank, f"Called save_to_file then load_from_file. Got {loaded}, expected {bank}"


def test_money_is_stored_as_exact_strings_and_times_as_iso_utc(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    sample_bank().save_to_file(path)
    alice = json.loads(path.read_text(encoding="utf-8"))["accounts"][0]
    assert alice["balance"] == "80.05", f"Read the saved balance. Got {alice['balance']!r}"
    amounts = [t["amount"] for t in alice["transactions"]]
    assert amounts == ["0.10", "20.05"], f"Read the saved amounts. Got {amounts}"
    for transaction in alice["transactions"]:
        stamp = datetime.fromisoformat(transaction["timestamp"])
        assert stamp.utcoffset() == timedelta(0), (
            f"Read a saved timestamp. Got {transaction['timestamp']!r}, expected ISO time in UTC"
        )


def test_loading_a_missing_file_raises_bank_file_not_found_error(tmp_path: Path) -> None:
    path = tmp_path / "nothing-here.json"
    with pytest.raises(BankFileNotFoundError):
        Bank.load_from_file(path)
    assert not path.exists(), "Called load_from_file on a missing file. Got a file created"


@pytest.mark.hint("json.JSONDecodeError carries .lineno: put 'line <n>' in your error.")
def test_invalid_json_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    path.write_text('{\n  "version": 1,\n  "accounts": [\n', encoding="utf-8")
    with pytest.raises(CorruptBankFileError) as caught:
        Bank.load_from_file(path)
    assert re.search(r"\bline 4\b", str(caught.value)), (
        f"Called load_from_file on JSON cut off at line 4. Got {caught.value}, expected 'line 4'"
    )


VALID_ACCOUNT = {"owner": "Alice", "balance": "1.00", "transactions": []}
BAD_DOCUMENTS = {
    "a list": [],
    "no version": {"accounts": []},
    "a future version": {"version": 99, "accounts": []},
    "no accounts": {"version": 1},
    "a float balance": {"version": 1, "accounts": [{**VALID_ACCOUNT, "balance": 1.5}]},
    "a word balance": {"version": 1, "accounts": [{**VALID_ACCOUNT, "balance": "lots"}]},
    "a negative balance": {"version": 1, "accounts": [{**VALID_ACCOUNT, "balance": "-1"}]},
    "a version of true": {"version": True, "accounts": []},
    "a huge balance": {"version": 1, "accounts": [{**VALID_ACCOUNT, "balance": "1e999999"}]},
    "a balance at the limit": {
        "version": 1,
        "accounts": [{**VALID_ACCOUNT, "balance": "1000000000000000.00"}],
    },
    "an escape sequence in an owner": {
        "version": 1,
        "accounts": [{**VALID_ACCOUNT, "owner": "\x1b[2JAlice"}],
    },
    "undecodable bytes in an owner": {
        "version": 1,
        "accounts": [{**VALID_ACCOUNT, "owner": "caf\udce9"}],
    },
    "a duplicate owner": {"version": 1, "accounts": [VALID_ACCOUNT, VALID_ACCOUNT]},
    "a naive timestamp": {
        "version": 1,
        "accounts": [
            {
                **VALID_ACCOUNT,
                "transactions": [
                    {"kind": "deposit", "amount": "1.00", "timestamp": "2026-01-05T09:00:00"}
                ],
            }
        ],
    },
}


@pytest.mark.parametrize("problem", BAD_DOCUMENTS)
def test_valid_json_of_the_wrong_shape_is_reported_as_corrupt(tmp_path: Path, problem: str) -> None:
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(BAD_DOCUMENTS[problem]), encoding="utf-8")
    with pytest.raises(CorruptBankFileError):
        Bank.load_from_file(path)


def test_saving_leaves_no_temporary_file_behind(tmp_path: Path) -> None:
    sample_bank().save_to_file(tmp_path / "bank.json")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["bank.json"], f"Called save_to_file. Got folder {names}, expected bank.json"


@pytest.mark.hint(
    "Write a temporary file beside the target, then os.replace() it over the target; "
    "on OSError remove the temporary file and raise BankFileError."
)
def test_a_failed_save_keeps_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bank.json"
    Bank().save_to_file(path)
    before = path.read_bytes()

    def crash(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(BankFileError) as caught:
        sample_bank().save_to_file(path)
    assert path.name in str(caught.value), (
        f"Called a failing save_to_file. Got {caught.value!r}, expected it to name {path.name}"
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert path.read_bytes() == before and names == ["bank.json"], (
        f"Called a failing save_to_file. Got folder {names}, expected the old bank.json only"
    )


def test_the_temporary_file_is_written_beside_the_bank_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    swaps: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def recording_replace(source: str, target: str) -> None:
        swaps.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", recording_replace)
    sample_bank().save_to_file(tmp_path / "bank.json")
    folders = [(source.parent, target.parent) for source, target in swaps]
    assert folders == [(tmp_path, tmp_path)], (
        f"Called save_to_file(). Got os.replace between folders {folders}, expected one "
        "replace within the bank file's own folder (a rename is atomic only there)"
    )


def test_saving_into_a_missing_folder_raises_bank_file_error(tmp_path: Path) -> None:
    with pytest.raises(BankFileError):
        Bank().save_to_file(tmp_path / "no-such-folder" / "bank.json")


HOSTILE_TEXTS = {
    "deep nesting": '{"version": 1, "accounts": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "a 5000-digit number": '{"version": 1' + "0" * 5000 + ', "accounts": []}',
}


@pytest.mark.parametrize("attack", HOSTILE_TEXTS)
def test_hostile_json_text_is_reported_as_corrupt_not_a_crash(tmp_path: Path, attack: str) -> None:
    path = tmp_path / "bank.json"
    path.write_text(HOSTILE_TEXTS[attack], encoding="utf-8")
    with pytest.raises(CorruptBankFileError):
        Bank.load_from_file(path)


class Hung(Exception):  # not an OSError: no `except OSError` can swallow it
    """The call blocked for longer than the test allows."""


@contextmanager
def within_seconds(seconds: int) -> Iterator[None]:
    """Raise Hung instead of blocking longer than `seconds` (POSIX; a no-op elsewhere)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def give_up(signum: int, frame: object) -> None:
        raise Hung(f"still busy after {seconds} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.hint("Check path.stat() before opening: opening a named pipe waits for a writer.")
def test_a_named_pipe_is_refused_without_hanging(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    os.mkfifo(path)
    with within_seconds(10), pytest.raises(BankFileError):
        Bank.load_from_file(path)


def test_a_folder_is_refused_with_bank_file_error(tmp_path: Path) -> None:
    with pytest.raises(BankFileError):
        Bank.load_from_file(tmp_path)


def test_a_two_gigabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    with path.open("wb") as sparse:  # takes no disk space: the size is only recorded
        sparse.truncate(2 * 2**30)
    with within_seconds(5), pytest.raises(CorruptBankFileError):
        Bank.load_from_file(path)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
@pytest.mark.hint("os.path.realpath(filename) is the file a symlink points at: replace that one.")
def test_a_symlinked_bank_file_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "bank.json"
    target.parent.mkdir()
    link = tmp_path / "bank.json"
    link.symlink_to(target)
    bank = sample_bank()
    bank.save_to_file(link)
    assert link.is_symlink() and os.readlink(link) == str(target), (
        "Called save_to_file on a symlink. Got the link replaced by a regular file"
    )
    loaded = Bank.load_from_file(target)
    assert loaded == bank, f"Read the link's target. Got {loaded}, expected {bank}"


def test_a_read_only_bank_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    Bank().save_to_file(path)
    before = path.read_bytes()
    os.chmod(path, 0o444)
    try:
        with pytest.raises(BankFileError):
            sample_bank().save_to_file(path)
        assert path.read_bytes() == before, "Saved over a read-only file. Got it replaced"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.json"], "Got a temp file left"
    finally:
        os.chmod(path, 0o644)


def _damage(path: Path, how: str) -> None:
    """Leave at `path` a bank file that is wrong in the way `how` names."""
    if how == "a folder":
        path.mkdir()
    elif how == "over the size limit":
        with path.open("wb") as sparse:
            sparse.truncate(2 * 2**30)
    elif how == "not UTF-8":
        path.write_bytes(b'{"version": 1, "accounts": [{"owner": "caf\xe9"}]}')
    elif how in HOSTILE_TEXTS:
        path.write_text(HOSTILE_TEXTS[how], encoding="utf-8")
    elif how != "missing":
        path.write_text(json.dumps(BAD_DOCUMENTS[how]), encoding="utf-8")


@pytest.mark.parametrize(
    "how",
    [
        "missing",
        "a folder",
        "over the size limit",
        "not UTF-8",
        *HOSTILE_TEXTS,
        "no accounts",
        "a naive timestamp",
    ],
)
def test_a_file_that_cannot_be_loaded_is_named_in_the_error(tmp_path: Path, how: str) -> None:
    path = tmp_path / "my-bank.json"
    _damage(path, how)
    with pytest.raises(BankFileError) as caught:
        Bank.load_from_file(path)
    assert path.name in str(caught.value), (
        f"Called load_from_file on a file that is {how}. Got {caught.value!r}, "
        f"expected a message naming {path.name} (main prints it as the one error line)"
    )


@pytest.mark.parametrize("how", ["a folder", "read-only", "in a missing folder"])
def test_a_file_that_cannot_be_saved_is_named_in_the_error(tmp_path: Path, how: str) -> None:
    path = tmp_path / "my-bank.json"
    if how == "a folder":
        path.mkdir()
    elif how == "read-only":
        path.write_text("{}", encoding="utf-8")
        os.chmod(path, 0o444)
    else:
        path = tmp_path / "no-such-folder" / "my-bank.json"
    with pytest.raises(BankFileError) as caught:
        sample_bank().save_to_file(path)
    assert path.name in str(caught.value), (
        f"Called save_to_file on a file that is {how}. Got {caught.value!r}, "
        f"expected a message naming {path.name} (main prints it as the one error line)"
    )
