"""Day 16: POST /users over HTTP: 201 on a valid body, 422 with a clear list otherwise."""

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.day(16)

PASSWORD = "s3cret-pass"
VALID = {"email": "ada@example.com", "password": PASSWORD, "age": 36}


def test_valid_user_is_created_with_201_and_an_id(client: TestClient) -> None:
    response = client.post("/users", json=VALID)
    assert response.status_code == 201, (
        f"Called POST /users. Got {response.status_code}, expected 201"
    )
    assert response.json() == {"id": 1, "email": "ada@example.com", "age": 36}, (
        f"Called POST /users. Got {response.json()}, expected id, email and age only"
    )


def test_created_users_are_listed_with_increasing_ids(client: TestClient) -> None:
    client.post("/users", json=VALID)
    client.post("/users", json=VALID | {"email": "grace@example.com"})
    listed = client.get("/users").json()
    expected = [
        {"id": 1, "email": "ada@example.com", "age": 36},
        {"id": 2, "email": "grace@example.com", "age": 36},
    ]
    assert listed == expected, (
        f"Called GET /users after two POSTs. Got {listed}, expected both users in order"
    )


def test_every_invalid_field_is_reported_in_one_422(client: TestClient) -> None:
    response = client.post("/users", json={"email": "nope", "password": "short", "age": 0})
    assert response.status_code == 422, (
        f"Called POST /users with three bad fields. Got {response.status_code}, expected 422"
    )
    located = {tuple(error["loc"]): error["type"] for error in response.json()["detail"]}
    expected = {
        ("body", "email"): "value_error",
        ("body", "password"): "string_too_short",
        ("body", "age"): "greater_than",
    }
    assert located == expected, f"Called POST /users. Got {located}, expected {expected}"


def test_missing_fields_are_named_in_the_422(client: TestClient) -> None:
    response = client.post("/users", json={"password": PASSWORD})
    assert response.status_code == 422, (
        f"Called POST /users without email and age. Got {response.status_code}, expected 422"
    )
    missing = sorted(error["loc"][-1] for error in response.json()["detail"])
    assert missing == ["age", "email"], (
        f"Called POST /users without email and age. Got missing {missing}, "
        "expected ['age', 'email']"
    )


@pytest.mark.parametrize(
    "body",
    [
        VALID | {"password": "short1"},
        VALID | {"email": "not-an-email"},
        {"password": PASSWORD},
        [VALID],
    ],
    ids=["short-password", "bad-email", "missing-fields", "not-an-object"],
)
@pytest.mark.hint("FastAPI's 422 copies the rejected input back: public_error must drop 'input'.")
def test_a_rejected_body_never_echoes_the_password(client: TestClient, body: object) -> None:
    sent = body["password"] if isinstance(body, dict) else PASSWORD
    post = client.post("/users", json=body)
    assert post.status_code == 422, (
        f"Called POST /users with {body}. Got {post.status_code}, expected 422"
    )
    listing = client.get("/users")
    for response in (post, listing):
        assert sent not in response.text and 'password":' not in response.text, (
            f"Called {response.request.method} {response.request.url.path}. "
            f"Got {response.text}, expected no password in it"
        )


def test_openapi_response_schema_has_no_password(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    fields = set(schemas["UserResponse"].get("properties", {}))
    assert fields == {"id", "email", "age"}, (
        f"Called GET /openapi.json. Got UserResponse fields {fields}, expected id, email, age"
    )
