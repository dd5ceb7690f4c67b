"""POST /login: one answer for every failure, the same cost for unknown users, upgrades."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import argon2
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models import User
from app.security import MAX_PASSWORD_LENGTH, PasswordHasher
from tests.helpers import LEGACY_BCRYPT_12, LEGACY_PASSWORD, argon2_parameters, cheap_bcrypt

pytestmark = pytest.mark.day(45)

PASSWORD = "correct horse battery staple"
FAILED = {"detail": "Incorrect email or password"}


def register(client: TestClient, email: str = "ada@example.com", password: str = PASSWORD) -> int:
    response = client.post("/register", json={"email": email, "password": password})
    assert response.status_code == 201, f"Called POST /register. Got {response.status_code}"
    return int(response.json()["id"])


def login(client: TestClient, email: str, password: str) -> Any:
    return client.post("/login", json={"email": email, "password": password})


def add_legacy_user(db_session: Session, email: str, hashed: str) -> int:
    """A user row as an older system stored it, written without the code under test."""
    user = User(email=email, hashed_password=hashed)
    db_session.add(user)
    db_session.flush()
    return user.id


def stored_hash(db_session: Session, user_id: int) -> str:
    db_session.expire_all()
    query = text("SELECT hashed_password FROM users WHERE id = :id")
    return str(db_session.execute(query, {"id": user_id}).scalar_one())


@pytest.fixture
def argon2_checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every argon2 hash that argon2-cffi is asked to verify a password against, in order."""
    checked: list[str] = []
    real = argon2.low_level.verify_secret

    def spy(hash: bytes, secret: bytes, type: argon2.low_level.Type) -> bool:
        checked.append(hash.decode())
        return real(hash, secret, type)

    monkeypatch.setattr(argon2.low_level, "verify_secret", spy)
    yield checked


def test_login_with_the_right_password_answers_200_with_the_user(client: TestClient) -> None:
    user_id = register(client)
    response = login(client, "ADA@example.com", PASSWORD)
    assert response.status_code == 200, (
        f"Called POST /login with the right password. Got {response.status_code} {response.text}"
    )
    body = response.json()
    assert body["message"] == "Login successful", f"Got {body}"
    assert body["user"]["id"] == user_id and body["user"]["email"] == "ada@example.com"
    assert set(body["user"]) == {"id", "email", "created_at"}, (
        f"Got user fields {sorted(body['user'])}"
    )


@pytest.mark.hint("Answer both failures from one place with one HTTPException(401, ...).")
def test_a_wrong_password_and_an_unknown_email_get_the_same_401(client: TestClient) -> None:
    register(client)
    wrong = login(client, "ada@example.com", "not the password")
    unknown = login(client, "nobody@example.com", PASSWORD)
    for name, response in (("a wrong password", wrong), ("an unknown email", unknown)):
        assert response.status_code == 401, (
            f"Called POST /login with {name}. Got {response.status_code}, expected 401"
        )
        assert response.json() == FAILED, f"Called POST /login with {name}. Got {response.json()}"
    assert dict(wrong.headers) == dict(unknown.headers), (
        f"Got headers {dict(wrong.headers)} and {dict(unknown.headers)}: they must not differ"
    )


@pytest.mark.hint("For an unknown email, verify the password against a dummy argon2id hash.")
def test_an_unknown_email_costs_one_argon2_verification_like_a_wrong_password(
    client: TestClient, argon2_checks: list[str], db_session: Session
) -> None:
    user_id = register(client)
    real_hash = stored_hash(db_session, user_id)
    argon2_checks.clear()
    assert login(client, "ada@example.com", "not the password").status_code == 401
    assert argon2_checks == [real_hash], (
        f"Called POST /login with a wrong password. Got {len(argon2_checks)} argon2 checks, "
        "expected 1, against the user's hash"
    )
    argon2_checks.clear()
    assert login(client, "nobody@example.com", "not the password").status_code == 401
    assert len(argon2_checks) == 1, (
        f"Called POST /login with an unknown email. Got {len(argon2_checks)} argon2 "
        "verifications, expected 1 (against a dummy hash), so it takes as long as a wrong password"
    )
    dummy, real = argon2_parameters(argon2_checks[0]), argon2_parameters(real_hash)
    same = ("type", "m", "t", "p")
    assert {k: dummy[k] for k in same} == {k: real[k] for k in same}, (
        f"Got a dummy hash with {dummy}, expected the parameters of a real hash {real}"
    )


def test_only_the_exact_password_logs_in(client: TestClient) -> None:
    register(client, password="Tr0ub4dor&3")
    for wrong in ("tr0ub4dor&3", "Tr0ub4dor&3 ", "Tr0ub4dor&", "Tr0ub4dor&3x", "x"):
        response = login(client, "ada@example.com", wrong)
        assert response.status_code == 401, (
            f"Called POST /login with {wrong!r} for 'Tr0ub4dor&3'. Got {response.status_code}"
        )
    assert login(client, "ada@example.com", "Tr0ub4dor&3").status_code == 200


def test_a_long_password_logs_in_whole_and_not_by_its_first_72_bytes(client: TestClient) -> None:
    password = "é" * 64  # 64 characters, 128 bytes
    register(client, password=password)
    assert login(client, "ada@example.com", password).status_code == 200
    prefix = password.encode()[:72].decode()
    response = login(client, "ada@example.com", prefix)
    assert response.status_code == 401, (
        f"Called POST /login with the first 72 bytes of a 128-byte password. "
        f"Got {response.status_code}, expected 401"
    )


def test_an_over_long_or_empty_password_at_login_is_422_not_500(client: TestClient) -> None:
    register(client)
    for password in ("p" * (MAX_PASSWORD_LENGTH + 1), "p" * 1_000_000, ""):
        response = login(client, "ada@example.com", password)
        assert response.status_code == 422, (
            f"Called POST /login with a {len(password)}-character password. "
            f"Got {response.status_code}, expected 422"
        )
        assert len(password) < 8 or password not in response.text


@pytest.mark.hint("verify_and_update returns a new hash for bcrypt: store it and commit.")
def test_a_legacy_bcrypt_user_logs_in_and_the_hash_is_upgraded_to_argon2id(
    client: TestClient, db_session: Session, hasher: PasswordHasher
) -> None:
    user_id = add_legacy_user(db_session, "old@example.com", LEGACY_BCRYPT_12)
    response = login(client, "old@example.com", LEGACY_PASSWORD)
    assert response.status_code == 200, (
        f"Called POST /login for a user with a bcrypt (cost 12) hash. Got {response.status_code}"
    )
    upgraded = stored_hash(db_session, user_id)
    assert upgraded.startswith("$argon2id$"), (
        f"After a successful login, read users.hashed_password. Got {upgraded[:10]!r}..., "
        "expected the bcrypt hash replaced by an argon2id one"
    )
    assert hasher.verify_password(LEGACY_PASSWORD, upgraded)
    assert login(client, "old@example.com", LEGACY_PASSWORD).status_code == 200
    assert stored_hash(db_session, user_id) == upgraded, "A current hash must not be rehashed"


def test_a_wrong_password_never_upgrades_a_legacy_hash(
    client: TestClient, db_session: Session
) -> None:
    legacy = cheap_bcrypt(LEGACY_PASSWORD)
    user_id = add_legacy_user(db_session, "old@example.com", legacy)
    assert login(client, "old@example.com", "not the password").status_code == 401
    assert stored_hash(db_session, user_id) == legacy, "A failed login changed the stored hash"


def test_an_argon2_hash_with_weaker_parameters_is_upgraded_on_login(
    client: TestClient, db_session: Session
) -> None:
    weak = argon2.PasswordHasher(memory_cost=512, time_cost=1, parallelism=1).hash(PASSWORD)
    user_id = add_legacy_user(db_session, "old@example.com", weak)
    assert login(client, "old@example.com", PASSWORD).status_code == 200
    upgraded = argon2_parameters(stored_hash(db_session, user_id))
    assert upgraded["m"] == 1024, (
        f"Logged in with an m=512 argon2id hash. Got a stored hash with {upgraded}, "
        "expected today's m=1024 (the test settings)"
    )


@pytest.mark.hint("bcrypt reads 72 bytes: a longer password cannot be a bcrypt user's.")
def test_a_bcrypt_user_cannot_log_in_with_extra_bytes_after_72(
    client: TestClient, db_session: Session
) -> None:
    password = "q" * 90
    add_legacy_user(db_session, "old@example.com", cheap_bcrypt(password[:72]))
    response = login(client, "old@example.com", password)
    assert response.status_code == 401, (
        "Called POST /login with 90 bytes for a bcrypt hash of their first 72. "
        f"Got {response.status_code}, expected 401 (not 200, not 500)"
    )
    assert login(client, "old@example.com", password[:72]).status_code == 200


def test_unusable_stored_values_never_log_in_and_never_crash(
    client: TestClient, db_session: Session
) -> None:
    add_legacy_user(db_session, "plain@example.com", "plain-text-password")
    add_legacy_user(db_session, "nul@example.com", cheap_bcrypt("password1"))
    attempts = (("plain@example.com", "plain-text-password"), ("nul@example.com", "password1\x00x"))
    for email, password in attempts:
        response = login(client, email, password)
        assert response.status_code == 401, (
            f"Called POST /login for {email} with {password!r}. Got {response.status_code}, "
            "expected 401"
        )
