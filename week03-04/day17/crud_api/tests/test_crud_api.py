"""Day 17: every CRUD route, its success status and its error statuses."""

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.day(17)

GRACE = {"name": "Grace", "email": "grace@example.com", "age": 45}


def test_create_answers_201_with_the_new_id(client: TestClient) -> None:
    response = client.post("/users", json=GRACE)
    assert response.status_code == 201, f"Called POST /users. Got {response.status_code}"
    assert response.json() == {"id": 1, **GRACE}, (
        f"Called POST /users. Got {response.json()}, expected id 1 and the fields sent"
    )


@pytest.mark.hint("Compare emails with .lower(): ADA@example.com is taken once ada@example.com is.")
def test_create_with_a_taken_email_answers_409_and_stores_nothing(
    client: TestClient, ada: dict[str, object]
) -> None:
    response = client.post("/users", json=GRACE | {"email": "ADA@example.com"})
    assert response.status_code == 409, (
        f"Called POST /users with Ada's email. Got {response.status_code}, expected 409"
    )
    detail = response.json()["detail"]
    assert "already registered" in detail, (
        f"Called POST /users with Ada's email. Got detail {detail!r}, "
        "expected 'Email ADA@example.com is already registered'"
    )
    assert len(client.get("/users").json()) == 1, "Called GET /users. Expected only Ada"


def test_create_with_an_invalid_body_answers_422_and_stores_nothing(client: TestClient) -> None:
    client.post("/users", json=GRACE)
    response = client.post("/users", json={"name": "", "email": "x", "age": 0})
    fields = sorted(error["loc"][-1] for error in response.json()["detail"])
    assert response.status_code == 422 and fields == ["age", "email", "name"], (
        f"Called POST /users with 3 bad fields. Got {response.status_code} {fields}, "
        "expected 422 naming age, email, name"
    )
    names = [user["name"] for user in client.get("/users").json()]
    assert names == ["Grace"], f"Called GET /users. Got {names}, expected only Grace"


def test_list_returns_every_user_in_creation_order(
    client: TestClient, ada: dict[str, object]
) -> None:
    client.post("/users", json=GRACE)
    names = [user["name"] for user in client.get("/users").json()]
    assert names == ["Ada", "Grace"], f"Called GET /users. Got {names}, expected Ada, Grace"


def test_read_one_answers_the_user_or_404(client: TestClient, ada: dict[str, object]) -> None:
    found = client.get("/users/1")
    missing = client.get("/users/99")
    assert found.json() == ada, f"Called GET /users/1. Got {found.json()}, expected {ada}"
    assert missing.status_code == 404, f"Called GET /users/99. Got {missing.status_code}"
    assert missing.json() == {"detail": "User 99 not found"}, (
        f"Called GET /users/99. Got {missing.json()}, expected {{'detail': 'User 99 not found'}}"
    )


def test_put_replaces_every_field_keeps_the_id_and_needs_every_field(
    client: TestClient, ada: dict[str, object]
) -> None:
    response = client.put("/users/1", json=GRACE)
    assert response.status_code == 200 and response.json() == {"id": 1, **GRACE}, (
        f"Called PUT /users/1. Got {response.status_code} {response.json()}, "
        "expected 200 and Grace's fields under id 1"
    )
    partial = client.put("/users/1", json={"age": 40})
    assert partial.status_code == 422, (
        f"Called PUT /users/1 with only age. Got {partial.status_code}, expected 422"
    )


def test_put_answers_404_for_unknown_id_and_409_for_a_taken_email(
    client: TestClient, ada: dict[str, object]
) -> None:
    client.post("/users", json=GRACE)
    unknown = client.put("/users/99", json=GRACE | {"email": "new@example.com"})
    taken = client.put("/users/1", json=GRACE)
    assert (unknown.status_code, taken.status_code) == (404, 409), (
        f"Called PUT on id 99 and PUT with Grace's email. "
        f"Got {(unknown.status_code, taken.status_code)}, expected (404, 409)"
    )


@pytest.mark.hint("Merge the stored user with changes.model_dump(exclude_unset=True).")
def test_patch_changes_only_the_fields_sent(client: TestClient, ada: dict[str, object]) -> None:
    response = client.patch("/users/1", json={"age": 37})
    assert response.json() == ada | {"age": 37}, (
        f"Called PATCH /users/1 with age 37. Got {response.json()}, expected Ada aged 37"
    )


@pytest.mark.parametrize(
    ("user_id", "body", "expected"),
    [(99, {"age": 37}, 404), (1, {"email": "grace@example.com"}, 409), (1, {"name": None}, 422)],
    ids=["unknown-id", "taken-email", "null-field"],
)
def test_patch_errors(
    client: TestClient, ada: dict[str, object], user_id: int, body: dict[str, object], expected: int
) -> None:
    client.post("/users", json=GRACE)
    response = client.patch(f"/users/{user_id}", json=body)
    assert response.status_code == expected, (
        f"Called PATCH /users/{user_id} with {body}. Got {response.status_code}, "
        f"expected {expected}"
    )


@pytest.mark.hint("Return Response(status_code=204): a 204 answer has no body, not even null.")
def test_delete_answers_204_without_body_then_404(
    client: TestClient, ada: dict[str, object]
) -> None:
    first = client.delete("/users/1")
    again = client.delete("/users/1")
    assert (first.status_code, first.content) == (204, b""), (
        f"Called DELETE /users/1. Got {first.status_code} {first.content!r}, expected 204, empty"
    )
    assert again.status_code == 404, f"Called DELETE /users/1 twice. Got {again.status_code}"
    assert client.get("/users").json() == [], "Called GET /users after delete. Expected []"


def test_non_integer_id_answers_422(client: TestClient, ada: dict[str, object]) -> None:
    found = client.get(f"/users/{ada['id']}")
    assert found.status_code == 200, f"Called GET /users/{ada['id']}. Got {found.status_code}"
    response = client.get("/users/abc")
    assert response.status_code == 422, f"Called GET /users/abc. Got {response.status_code}"
