"""PasswordHasher on its own: argon2id, exact verification, legacy bcrypt, hostile input."""

from __future__ import annotations

import base64

import argon2
import bcrypt
import pytest
from pydantic import ValidationError

from app.config import Settings
from app.security import MAX_PASSWORD_LENGTH, PasswordHasher, PasswordTooLong
from tests.helpers import LEGACY_BCRYPT_12, LEGACY_PASSWORD, argon2_parameters, cheap_bcrypt

pytestmark = pytest.mark.day(45)

PASSWORD = "correct horse battery staple"


def test_hash_password_makes_a_salted_argon2id_hash_that_verifies(hasher: PasswordHasher) -> None:
    first = hasher.hash_password(PASSWORD)
    second = hasher.hash_password(PASSWORD)
    assert first.startswith("$argon2id$"), (
        f"Called hash_password(p). Got {first[:20]!r}..., expected an argon2id hash"
    )
    assert PASSWORD not in first, (
        "Called hash_password(p). Got a string containing p, expected a hash"
    )
    assert first != second, (
        "Called hash_password twice with one password. Got the same hash twice, expected two "
        "different ones (a random salt per hash)"
    )
    for hashed in (first, second):
        assert hasher.verify_password(PASSWORD, hashed) is True, (
            "Called verify_password(p, hash_password(p)). Got False, expected True"
        )


@pytest.mark.hint("Never compare strings yourself: the context's verify decides, byte for byte.")
def test_verify_password_accepts_only_the_exact_password(hasher: PasswordHasher) -> None:
    hashed = hasher.hash_password("Tr0ub4dor&3")
    assert hasher.verify_password("Tr0ub4dor&3", hashed) is True
    for wrong in ("tr0ub4dor&3", "Tr0ub4dor&3 ", " Tr0ub4dor&3", "Tr0ub4dor&", "Tr0ub4dor&33", ""):
        assert hasher.verify_password(wrong, hashed) is False, (
            f"Called verify_password({wrong!r}, hash of 'Tr0ub4dor&3'). Got True, expected False"
        )


def test_production_settings_hash_with_at_least_owasps_argon2id_parameters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("ARGON2_MEMORY_KIB", "ARGON2_TIME_COST", "ARGON2_PARALLELISM"):
        monkeypatch.delenv(name, raising=False)  # the defaults are what is checked
    settings = Settings(environment="prod")
    hashed = PasswordHasher(settings).hash_password(PASSWORD)
    found = argon2_parameters(hashed)
    assert found["type"] == "argon2id" and found["version"] == 19, (
        f"Called hash_password with the default settings. Got {found}, expected argon2id v=19"
    )
    assert isinstance(found["m"], int) and found["m"] >= 19456, (
        f"Got memory m={found['m']} KiB, expected at least 19456 (19 MiB, OWASP's minimum)"
    )
    assert isinstance(found["t"], int) and found["t"] >= 2, f"Got t={found['t']}, expected >= 2"
    assert isinstance(found["p"], int) and found["p"] >= 1, f"Got p={found['p']}, expected >= 1"
    salt = base64.b64decode(str(found["salt"]) + "==")
    assert len(salt) >= 16, f"Got a salt of {len(salt)} bytes, expected at least 16"
    for weak in ({"argon2_memory_kib": 1024}, {"argon2_time_cost": 1}):
        with pytest.raises(ValidationError):
            Settings(environment="prod", **weak)  # type: ignore[arg-type]


def test_the_hash_carries_the_settings_argon2_parameters() -> None:
    settings = Settings(
        environment="test", argon2_memory_kib=2048, argon2_time_cost=2, argon2_parallelism=2
    )
    hasher = PasswordHasher(settings)
    for hashed in (hasher.hash_password(PASSWORD), hasher.dummy_hash):
        found = argon2_parameters(hashed)
        got = {key: found[key] for key in ("type", "m", "t", "p")}
        assert got == {"type": "argon2id", "m": 2048, "t": 2, "p": 2}, (
            "Called PasswordHasher(settings with m=2048, t=2, p=2).hash_password(p) and read "
            f"dummy_hash. Got {got}, expected argon2id with the settings' m, t and p"
        )


def test_a_long_password_is_verified_in_full_never_by_its_first_72_bytes(
    hasher: PasswordHasher,
) -> None:
    assert hasher.verify_password("p" * 64, hasher.hash_password("p" * 64)) is True
    for password in ("x" * 100, "é" * 64, "a" * MAX_PASSWORD_LENGTH):  # all over 72 bytes
        hashed = hasher.hash_password(password)
        prefix = password.encode()[:72].decode(errors="ignore")
        assert hasher.verify_password(password, hashed) is True, (
            f"Called verify_password with a {len(password)}-character password. Got False, "
            "expected True"
        )
        assert hasher.verify_password(prefix, hashed) is False, (
            f"Called verify_password(first 72 bytes of a {len(password.encode())}-byte password, "
            "its hash). Got True, expected False: the whole password counts"
        )


@pytest.mark.hint("bcrypt reads 72 bytes: refuse a longer password before asking bcrypt.")
def test_a_password_over_72_bytes_never_matches_a_bcrypt_hash_of_its_prefix(
    hasher: PasswordHasher,
) -> None:
    password = "b" * 80
    legacy = cheap_bcrypt(password[:72])
    assert hasher.verify_password(password[:72], legacy) is True, (
        "Called verify_password(72-byte password, its bcrypt hash). Got False, expected True"
    )
    assert hasher.verify_password(password, legacy) is False, (
        "Called verify_password(80-byte password, bcrypt hash of its first 72 bytes). Got True, "
        "expected False (no silent truncation), and no exception"
    )


def test_the_72_byte_rule_holds_even_with_a_bcrypt_backend_that_truncates(
    hasher: PasswordHasher, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = bcrypt.hashpw
    # bcrypt before 5.0 hashed only the first 72 bytes instead of raising: verify_password
    # must refuse a longer password against a bcrypt hash itself, whatever the backend does.
    monkeypatch.setattr(bcrypt, "hashpw", lambda secret, salt: real(secret[:72], salt))
    password = "c" * 80
    legacy = cheap_bcrypt(password[:72])
    assert hasher.verify_password(password[:72], legacy) is True
    assert hasher.verify_password(password, legacy) is False, (
        "Called verify_password(80-byte password, bcrypt hash of its first 72 bytes) with a "
        "bcrypt that truncates. Got True, expected False: refuse over 72 bytes before bcrypt"
    )


def test_a_legacy_bcrypt_hash_verifies_and_comes_back_as_argon2id(hasher: PasswordHasher) -> None:
    valid, new_hash = hasher.verify_and_update(LEGACY_PASSWORD, LEGACY_BCRYPT_12)
    assert valid is True, "Called verify_and_update(right password, bcrypt-12 hash). Got invalid"
    assert new_hash is not None and new_hash.startswith("$argon2id$"), (
        f"Called verify_and_update on a bcrypt hash. Got new hash {new_hash!r}, expected argon2id"
    )
    assert hasher.verify_password(LEGACY_PASSWORD, new_hash) is True
    assert hasher.verify_and_update(LEGACY_PASSWORD, new_hash) == (True, None), (
        "Called verify_and_update on a current argon2id hash. Expected (True, None): no update"
    )
    wrong = hasher.verify_and_update("not-the-password", cheap_bcrypt(LEGACY_PASSWORD))
    assert wrong == (False, None), f"Called verify_and_update(wrong, bcrypt). Got {wrong}"


def test_an_argon2_hash_weaker_than_todays_parameters_needs_an_update(
    hasher: PasswordHasher,
) -> None:
    weak = argon2.PasswordHasher(memory_cost=512, time_cost=1, parallelism=1).hash(PASSWORD)
    valid, new_hash = hasher.verify_and_update(PASSWORD, weak)
    assert valid is True and new_hash is not None, (
        f"Called verify_and_update on an argon2id hash with m=512. Got ({valid}, {new_hash!r}), "
        "expected (True, a new hash with today's parameters)"
    )
    assert argon2_parameters(new_hash)["m"] == 1024, "Expected the new hash at the test's m=1024"


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain-text-password",
        "$2b$12$tooshort",
        "$argon2id$v=19$m=1024,t=1,p=1$xx$yy",
        "$1$md5$x",
    ],
)
def test_a_stored_value_that_is_not_a_usable_hash_verifies_nothing(
    hasher: PasswordHasher, stored: str
) -> None:
    # The plain-text case: a row that stored the password itself must not log anyone in.
    password = stored or "anything"
    assert hasher.verify_password(password, stored) is False, (
        f"Called verify_password(p, {stored!r}). Got True, expected False (and no exception)"
    )


def test_a_nul_byte_against_a_bcrypt_hash_is_false_not_an_error(hasher: PasswordHasher) -> None:
    legacy = cheap_bcrypt("password1")
    assert hasher.verify_password("password1\x00tail", legacy) is False, (
        "Called verify_password('password1\\x00tail', bcrypt hash of 'password1'). "
        "Expected False and no exception"
    )


def test_an_over_long_password_is_refused_not_truncated(hasher: PasswordHasher) -> None:
    longest = "z" * MAX_PASSWORD_LENGTH
    hashed = hasher.hash_password(longest)
    with pytest.raises(PasswordTooLong):
        hasher.hash_password(longest + "z")
    assert hasher.verify_password(longest + "z", hashed) is False, (
        f"Called verify_password with {MAX_PASSWORD_LENGTH + 1} characters. Expected False"
    )
    assert hasher.verify_password("z" * 10_000, hashed) is False
