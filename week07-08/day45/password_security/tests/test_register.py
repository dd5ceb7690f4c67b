"""POST /register: the password stored only as an argon2id hash, bounds as 422, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.security import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PasswordHasher

pytestmark = pytest.mark.day(45)

PASSWORD = "correct horse battery staple"


def stored_hash(db_session: Session, email: str) -> str | None:
    """The hashed_password column of the user with this email, read with raw SQL."""
    row = db_session.execute(
        text("SELECT hashed_password FROM users WHERE email = :email"), {"email": email}
    ).scalar_one_or_none()
    return None if row is None else str(row)


def count_users(db_session: Session) -> int:
    return int(db_session.execute(text("SELECT count(*) FROM users")).scalar_one())


def test_register_answers_201_with_the_user_and_never_the_password_or_hash(
    client: TestClient, db_session: Session
) -> None:
    response = client.post("/register", json={"email": "Ada@Example.com", "password": PASSWORD})
    assert response.status_code == 201, (
        f"Called POST /register. Got {response.status_code} {response.text}, expected 201"
    )
    body = response.json()
    assert set(body) == {"id", "email", "created_at"}, (
        f"Called POST /register. Got the fields {sorted(body)}, expected exactly "
        "['created_at', 'email', 'id'] (no password, no hash)"
    )
    assert body["email"] == "ada@example.com", f"Got email {body['email']!r}, expected lower case"
    hashed = stored_hash(db_session, "ada@example.com")
    assert hashed is not None, "Called POST /register. Expected a row in users"
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed, (
        f"Read users.hashed_password. Got {hashed[:24]!r}..., expected an argon2id hash"
    )
    assert hashed not in response.text and PASSWORD not in response.text


def test_the_stored_hash_verifies_the_password_and_is_salted_per_user(
    client: TestClient, db_session: Session, hasher: PasswordHasher
) -> None:
    for email in ("ada@example.com", "grace@example.com"):
        response = client.post("/register", json={"email": email, "password": PASSWORD})
        assert response.status_code == 201, f"Called POST /register. Got {response.status_code}"
    ada, grace = (
        stored_hash(db_session, "ada@example.com"),
        stored_hash(db_session, "grace@example.com"),
    )
    assert ada is not None and grace is not None
    assert ada != grace, (
        "Registered two users with one password. Got the same hash twice, expected different "
        "hashes (a random salt per hash)"
    )
    assert hasher.verify_password(PASSWORD, ada) and not hasher.verify_password("wrong pass", ada)


@pytest.mark.hint("Bound the password in the schema: Field(min_length=8, max_length=128).")
def test_password_length_bounds_are_8_and_128_characters(
    client: TestClient, db_session: Session
) -> None:
    accepted = {
        "short@example.com": "s" * MIN_PASSWORD_LENGTH,
        "long@example.com": "l" * MAX_PASSWORD_LENGTH,
    }
    for email, password in accepted.items():
        response = client.post("/register", json={"email": email, "password": password})
        assert response.status_code == 201, (
            f"Called POST /register with a {len(password)}-character password. "
            f"Got {response.status_code}, expected 201"
        )
    refused = ("s" * (MIN_PASSWORD_LENGTH - 1), "l" * (MAX_PASSWORD_LENGTH + 1), "x" * 100_000)
    for password in refused:
        response = client.post("/register", json={"email": "no@example.com", "password": password})
        assert response.status_code == 422, (
            f"Called POST /register with a {len(password)}-character password. "
            f"Got {response.status_code}, expected 422"
        )
        locations = [error["loc"] for error in response.json()["detail"]]
        assert ["body", "password"] in locations, f"Got error locations {locations}"
    assert stored_hash(db_session, "no@example.com") is None, "Expected nothing stored for a 422"


def test_a_refused_password_is_not_echoed_in_the_422(client: TestClient) -> None:
    for password in ("short7!", "y" * (MAX_PASSWORD_LENGTH + 1)):
        response = client.post("/register", json={"email": "ada@example.com", "password": password})
        assert response.status_code == 422
        assert password not in response.text, (
            "Called POST /register with a refused password. Got a 422 whose body contains the "
            "password (FastAPI's default echoes each error's 'input'), expected it left out"
        )
        assert set(response.json()["detail"][0]) >= {"loc", "msg", "type"}, (
            f"Got {response.json()}, expected FastAPI's 422 shape: detail[] with loc, msg, type"
        )


def test_register_refuses_a_taken_email_in_any_case_with_409(
    client: TestClient, db_session: Session
) -> None:
    first = client.post("/register", json={"email": "ada@example.com", "password": PASSWORD})
    assert first.status_code == 201
    again = client.post(
        "/register", json={"email": "ADA@example.com", "password": "other password"}
    )
    assert again.status_code == 409, (
        f"Called POST /register with a taken email. Got {again.status_code}, expected 409"
    )
    assert again.json() == {"detail": "A user with email ada@example.com already exists"}
    assert count_users(db_session) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email", "password": PASSWORD},
        {"email": "ada@example.com"},
        {"password": PASSWORD},
        {"email": "ada@example.com", "password": 12345678},
    ],
)
def test_register_answers_422_for_a_malformed_body_and_stores_nothing(
    client: TestClient, db_session: Session, body: dict[str, object]
) -> None:
    response = client.post("/register", json=body)
    assert response.status_code == 422, (
        f"Called POST /register with {body}. Got {response.status_code}, expected 422"
    )
    ok = client.post("/register", json={"email": "ok@example.com", "password": PASSWORD})
    assert ok.status_code == 201 and count_users(db_session) == 1
