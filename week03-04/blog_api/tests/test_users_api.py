"""Day 26: /users CRUD with the right status codes; the password hash never leaves the server."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from passlib.context import CryptContext
from sqlalchemy import select

from app.models import User
from conftest import PostFactory, RolledBackDatabase, UserFactory

pytestmark = pytest.mark.day(26)


def _assert_no_secret(body: Any, call: str) -> None:
    text = str(body)
    for secret in ("password", "hashed", "$2b$", "s3cret-pass"):
        assert secret not in text, f"Called {call}. Got {secret!r} in {text}, expected no secret"


def test_create_user_returns_201_and_never_the_password_or_hash(client: TestClient) -> None:
    body = {"username": "ada", "email": "Ada@Example.com", "password": "s3cret-pass"}
    response = client.post("/users", json=body)
    assert response.status_code == 201, (
        f"Called POST /users. Got {response.status_code} {response.text}, expected 201"
    )
    created = response.json()
    assert created["username"] == "ada" and created["email"] == "ada@example.com", (
        f"Called POST /users. Got {created}, expected username ada, email lower-cased"
    )
    _assert_no_secret(created, "POST /users")
    for path in (f"/users/{created['id']}", "/users"):
        _assert_no_secret(client.get(path).json(), f"GET {path}")
    patched = client.patch(f"/users/{created['id']}", json={"password": "n3w-s3cret-pass"})
    _assert_no_secret(patched.json(), "PATCH /users/{id}")


def test_password_is_stored_as_a_bcrypt_hash_that_verifies(
    database: RolledBackDatabase, make_user: UserFactory
) -> None:
    user = make_user(password="s3cret-pass")
    stored = database.scalar(select(User.hashed_password).where(User.id == user["id"]))
    assert stored is not None and stored.startswith("$2b$"), (
        f"Called POST /users. Got stored password {stored!r}, expected a bcrypt hash"
    )
    assert CryptContext(schemes=["bcrypt"]).verify("s3cret-pass", stored), (
        "Called CryptContext.verify on the stored hash. Got False, expected True"
    )


def test_changing_the_password_rehashes_it(
    client: TestClient, database: RolledBackDatabase, make_user: UserFactory
) -> None:
    user = make_user(password="old-password")
    client.patch(f"/users/{user['id']}", json={"password": "new-password"})
    stored = database.scalar(select(User.hashed_password).where(User.id == user["id"]))
    assert stored is not None and CryptContext(schemes=["bcrypt"]).verify("new-password", stored), (
        "Called PATCH /users/{id} with a new password. Got a hash that does not verify it, "
        "expected the new password to verify"
    )


@pytest.mark.parametrize(
    ("field", "taken", "clash"),
    [("username", "ada", "ada"), ("email", "ada@example.com", "ADA@example.com")],
)
def test_duplicate_username_or_email_is_409(
    client: TestClient, make_user: UserFactory, field: str, taken: str, clash: str
) -> None:
    make_user(username="ada", email="ada@example.com")
    body = {"username": "other", "email": "other@example.com", "password": "s3cret-pass"}
    response = client.post("/users", json={**body, field: clash})
    assert response.status_code == 409, (
        f"Called POST /users with a taken {field}. Got {response.status_code}, expected 409"
    )
    assert taken in response.json()["detail"].lower(), (
        f"Called POST /users with a taken {field}. Got {response.json()}, expected it named"
    )


def test_renaming_a_user_to_a_taken_username_is_409(
    client: TestClient, make_user: UserFactory
) -> None:
    make_user(username="ada")
    bob = make_user(username="bob")
    response = client.patch(f"/users/{bob['id']}", json={"username": "ada"})
    assert response.status_code == 409, (
        f"Called PATCH /users/{{id}} username=ada (taken). Got {response.status_code}, expected 409"
    )
    assert client.get(f"/users/{bob['id']}").json()["username"] == "bob", (
        "Called GET /users/{id} after a refused rename. Got a changed name, expected 'bob'"
    )


VALID_SIGN_UP = {"username": "ada", "email": "ada@example.com", "password": "s3cret-pass"}


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "not-an-email"},
        {"password": "short"},
        {"username": "a d"},
        {"admin": 1},
        {"password": "s3cret\x00pass"},
        {"password": None},
    ],
    ids=["bad-email", "short-password", "bad-username", "unknown-field", "nul", "missing"],
)
def test_invalid_sign_up_is_422_and_the_valid_one_201(
    client: TestClient, changes: dict[str, Any]
) -> None:
    merged = {**VALID_SIGN_UP, **changes}
    body = {field: value for field, value in merged.items() if value is not None}
    response = client.post("/users", json=body)
    assert response.status_code == 422, (
        f"Called POST /users with {body}. Got {response.status_code}, expected 422"
    )
    response = client.post("/users", json=VALID_SIGN_UP)
    assert response.status_code == 201, (
        f"Called POST /users with {VALID_SIGN_UP} (the same sign-up without the defect). "
        f"Got {response.status_code} {response.text}, expected 201"
    )


def test_patch_changes_only_the_fields_sent(client: TestClient, make_user: UserFactory) -> None:
    user = make_user(full_name="Ada", bio="Old bio")
    response = client.patch(f"/users/{user['id']}", json={"bio": "New bio"})
    got = response.json()
    assert (got["bio"], got["full_name"], got["username"]) == (
        "New bio",
        "Ada",
        user["username"],
    ), f"Called PATCH /users/{{id}} bio only. Got {got}, expected only bio changed"


def test_patch_with_null_for_a_required_field_is_422(
    client: TestClient, make_user: UserFactory
) -> None:
    user = make_user()
    response = client.patch(f"/users/{user['id']}", json={"email": None})
    assert response.status_code == 422, (
        f"Called PATCH /users/{{id}} email=null. Got {response.status_code}, expected 422"
    )


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_unknown_user_is_404(client: TestClient, method: str) -> None:
    response = client.request(method, "/users/999999", json={"bio": "x"})
    assert response.status_code == 404, (
        f"Called {method} /users/999999. Got {response.status_code}, expected 404"
    )
    assert response.json() == {"detail": "User 999999 not found", "errors": []}, (
        f"Called {method} /users/999999. Got {response.json()}, expected a clear detail"
    )


@pytest.mark.parametrize("bad_id", ["0", "-1", "abc", "2147483648"])
def test_impossible_user_id_is_422_while_an_unknown_one_is_404(
    client: TestClient, bad_id: str
) -> None:
    response = client.get(f"/users/{bad_id}")
    assert response.status_code == 422, (
        f"Called GET /users/{bad_id}. Got {response.status_code}, expected 422"
    )
    # 2**31 - 1, the largest PostgreSQL integer: a valid id that no user has.
    response = client.get("/users/2147483647")
    assert response.status_code == 404, (
        f"Called GET /users/2147483647. Got {response.status_code}, expected 404"
    )


def test_delete_user_is_204_and_removes_their_posts(
    client: TestClient, make_user: UserFactory, make_post: PostFactory
) -> None:
    user = make_user()
    post = make_post(author_id=user["id"])
    response = client.delete(f"/users/{user['id']}")
    assert response.status_code == 204 and response.content == b"", (
        f"Called DELETE /users/{{id}}. Got {response.status_code} {response.content!r}, "
        "expected 204 with no body"
    )
    assert client.get(f"/users/{user['id']}").status_code == 404, (
        "Called GET /users/{id} after delete. Got the user, expected 404"
    )
    assert client.get(f"/posts/{post['id']}").status_code == 404, (
        "Called GET /posts/{id} after deleting its author. Got the post, expected 404 (cascade)"
    )


def test_user_posts_lists_only_that_users_posts_newest_first(
    client: TestClient, make_user: UserFactory, make_post: PostFactory
) -> None:
    ada, bob = make_user(), make_user()
    first = make_post(author_id=ada["id"], title="first")
    make_post(author_id=bob["id"], title="bob's")
    second = make_post(author_id=ada["id"], title="second")
    page = client.get(f"/users/{ada['id']}/posts").json()
    ids = [item["id"] for item in page["items"]]
    assert ids == [second["id"], first["id"]] and page["total"] == 2, (
        f"Called GET /users/{{id}}/posts. Got ids {ids} total {page['total']}, "
        f"expected [{second['id']}, {first['id']}] total 2"
    )


def test_posts_of_an_unknown_user_is_404(client: TestClient) -> None:
    response = client.get("/users/999999/posts")
    assert response.status_code == 404, (
        f"Called GET /users/999999/posts. Got {response.status_code}, expected 404"
    )
