"""Day 53: argon2id for every new hash, legacy bcrypt verified and upgraded, no truncation,
and no input that makes hashing raise."""

from __future__ import annotations

import bcrypt
import pytest

from app.config import Settings
from app.modules.auth.passwords import MAX_PASSWORD_LENGTH, PasswordHasher
from conftest import make_settings

pytestmark = [
    pytest.mark.day(53),
    pytest.mark.hint("passlib's CryptContext(schemes=['argon2', 'bcrypt'], deprecated='auto')."),
]

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def hasher() -> PasswordHasher:
    return PasswordHasher(make_settings("postgresql://unused/unused"))


def test_new_hashes_are_salted_argon2id_with_the_configured_cost(hasher: PasswordHasher) -> None:
    first, second = hasher.hash(PASSWORD), hasher.hash(PASSWORD)
    assert first.startswith("$argon2id$v=19$m=8,t=1,p=1$") and first != second, (
        f"Called hash() twice. Got {first!r} and {second!r}, expected two different "
        "$argon2id$v=19$m=8,t=1,p=1$ hashes"
    )


def test_production_settings_hash_at_owasps_minimum() -> None:
    hashed = PasswordHasher(Settings(_env_file=None)).hash(PASSWORD)
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$"), (
        f"Called hash() with the default settings. Got {hashed[:40]!r}, expected m=19456,t=2,p=1"
    )


def test_the_right_password_verifies_and_a_wrong_one_does_not(hasher: PasswordHasher) -> None:
    hashed = hasher.hash(PASSWORD)
    got = [hasher.verify_and_update(p, hashed) for p in (PASSWORD, PASSWORD + "!", "")]
    assert got == [(True, None), (False, None), (False, None)], f"Called verify. Got {got}"


def test_a_legacy_bcrypt_hash_verifies_and_is_upgraded_to_argon2id(hasher: PasswordHasher) -> None:
    legacy = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    valid, new_hash = hasher.verify_and_update(PASSWORD, legacy)
    assert valid and new_hash is not None and new_hash.startswith("$argon2id$"), (
        f"Called verify_and_update on a bcrypt hash. Got {(valid, new_hash)}, expected "
        "(True, an argon2id hash)"
    )
    assert hasher.verify_and_update(PASSWORD, new_hash) == (True, None)


def test_a_hash_with_older_parameters_is_upgraded(hasher: PasswordHasher) -> None:
    stronger = PasswordHasher(make_settings("postgresql://unused/unused", argon2_time_cost=2))
    valid, new_hash = stronger.verify_and_update(PASSWORD, hasher.hash(PASSWORD))
    assert valid and new_hash is not None and ",t=2," in new_hash, (
        f"Called verify_and_update on a t=1 hash with t=2 settings. Got {(valid, new_hash)}"
    )


def test_nothing_is_truncated(hasher: PasswordHasher) -> None:
    long_password = "p" * 100
    prefix = long_password[:72]  # all that bcrypt would read
    legacy = bcrypt.hashpw(prefix.encode(), bcrypt.gensalt(rounds=4)).decode()
    got = [
        hasher.verify_and_update(prefix, hasher.hash(long_password))[0],
        hasher.verify_and_update(long_password, legacy)[0],
    ]
    assert got == [False, False], (
        f"Called verify with a 72-byte prefix against a 100-byte password and the reverse "
        f"on bcrypt. Got {got}, expected [False, False]"
    )


@pytest.mark.parametrize(
    "password",
    ["x" * (MAX_PASSWORD_LENGTH + 1), "x" * 1_000_000, "nul\x00byte", "é" * 100],
    ids=["one-too-long", "a-megabyte", "nul-byte", "multibyte"],
)
def test_hostile_passwords_never_raise_on_verify(hasher: PasswordHasher, password: str) -> None:
    legacy = bcrypt.hashpw(b"whatever", bcrypt.gensalt(rounds=4)).decode()
    for stored in (hasher.hash(PASSWORD), legacy, "plain-text-not-a-hash", "$argon2id$broken"):
        assert hasher.verify_and_update(password, stored) == (False, None), (
            f"Called verify_and_update({password[:20]!r}..., {stored[:20]!r}). Expected "
            "(False, None)"
        )


def test_an_over_long_password_is_refused_not_hashed(hasher: PasswordHasher) -> None:
    with pytest.raises(ValueError, match="at most"):
        hasher.hash("x" * (MAX_PASSWORD_LENGTH + 1))


def test_a_password_of_the_maximum_length_is_hashed_and_verified(hasher: PasswordHasher) -> None:
    longest = "x" * MAX_PASSWORD_LENGTH
    got = hasher.verify_and_update(longest, hasher.hash(longest))
    assert got == (True, None), (
        f"Called hash() and verify_and_update() with {MAX_PASSWORD_LENGTH} characters. "
        f"Got {got}, expected (True, None)"
    )


def test_a_legacy_password_of_exactly_72_bytes_still_verifies(hasher: PasswordHasher) -> None:
    password = "p" * 72  # all of it is what bcrypt hashed: nothing was cut off
    legacy = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
    valid, new_hash = hasher.verify_and_update(password, legacy)
    assert valid and new_hash is not None and new_hash.startswith("$argon2id$"), (
        f"Called verify_and_update with a 72-byte password on its bcrypt hash. Got "
        f"{(valid, new_hash)}, expected (True, an argon2id hash)"
    )


@pytest.mark.asyncio
async def test_an_unknown_user_costs_one_real_verification(hasher: PasswordHasher) -> None:
    calls: list[str] = []
    original = hasher.verify_and_update

    def spy(password: str, hashed: str) -> tuple[bool, str | None]:
        calls.append(hashed)
        return original(password, hashed)

    hasher.verify_and_update = spy  # type: ignore[method-assign]
    try:
        got = await hasher.verify_async(PASSWORD, None)
    finally:
        del hasher.verify_and_update
    assert got == (False, None) and calls == [hasher.dummy_hash], (
        f"Called verify_async(password, None). Got {got} after checking {calls}, expected "
        "(False, None) after checking the dummy hash"
    )
