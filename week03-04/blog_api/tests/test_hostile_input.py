"""Day 26: no body, query, path or header gets a 500, and every error has one small shape.

Each test is named after the attack it replays; each answer must be the API's error body,
`{"detail": str, "errors": [{"loc", "msg", "type"}]}`, never a 500 or text/plain.
"""

import base64
import json
from typing import Any

import httpx2
import pytest
from fastapi.testclient import TestClient

from conftest import PostFactory, UserFactory

pytestmark = [
    pytest.mark.day(26),
    pytest.mark.hint(
        "Errors are answered in app/http_errors.py, the one place that renders them: never "
        "echo the input (it may be NaN, a lone surrogate, a password or megabytes)."
    ),
]

JSON = {"Content-Type": "application/json"}


def assert_error(response: httpx2.Response, status: int, call: str) -> dict[str, Any]:
    """The response is `status` with the API's error body; returns the body."""
    assert response.status_code == status, (
        f"Called {call}. Got {response.status_code} {response.text[:300]}, expected {status}"
    )
    assert response.headers["content-type"] == "application/json", (
        f"Called {call}. Got content type {response.headers['content-type']}, expected JSON"
    )
    body = response.json()
    assert set(body) == {"detail", "errors"} and isinstance(body["detail"], str), (
        f"Called {call}. Got {body}, expected {{'detail': str, 'errors': [...]}}"
    )
    for error in body["errors"]:
        assert set(error) == {"loc", "msg", "type"}, (
            f"Called {call}. Got error entry {error}, expected only loc, msg and type"
        )
    return dict(body)


def _cursor(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers_in_a_json_body_are_a_422_not_a_500(
    client: TestClient, make_user: UserFactory, number: str
) -> None:
    author = make_user()["id"]
    for field in ("author_id", "title"):
        body = {"author_id": author, "title": "t", "body": "b"}
        raw = json.dumps(body).replace(json.dumps(body[field]), number, 1)
        response = client.post("/posts", content=raw, headers=JSON)
        errors = assert_error(response, 422, f"POST /posts with {field}={number}")["errors"]
        assert errors[0]["loc"] == ["body", field], (
            f"Called POST /posts with {field}={number}. Got {errors}, expected it named"
        )


@pytest.mark.parametrize(
    "raw",
    [
        '{"username": "\\ud800ada", "email": "a@example.com", "password": "s3cret-pass"}',
        '{"username": "ada", "email": "a@example.com", "password": "s3cret-\\udfff"}',
        '{"username": "ada", "email": "a@example.com", "password": "s3cret-pass", "\\ud800": 1}',
    ],
    ids=["in-a-value", "in-the-password", "in-a-field-name"],
)
def test_a_lone_surrogate_in_a_json_body_is_a_422_not_a_500(client: TestClient, raw: str) -> None:
    response = client.post("/users", content=raw, headers=JSON)
    body = assert_error(response, 422, f"POST /users with {raw}")
    assert "s3cret" not in response.text, (
        f"Called POST /users with a lone surrogate in the password. Got {body}, expected the "
        "password not echoed"
    )


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00+14:00",
        "9999-12-31T23:59:59-14:00",
        "2026-01-01T00:00:00",
        12,
        None,
    ],
    ids=["before-year-1-in-utc", "after-year-9999-in-utc", "no-utc-offset", "a-number", "null"],
)
def test_a_forged_cursor_with_an_impossible_date_is_a_422_not_a_500(
    client: TestClient, make_post: PostFactory, value: Any
) -> None:
    make_post()
    cursor = _cursor({"k": "created_at", "d": True, "v": value, "id": 1})
    response = client.get("/posts", params={"cursor": cursor})
    errors = assert_error(response, 422, f"GET /posts with a cursor holding v={value!r}")["errors"]
    assert errors[0]["loc"] == ["query", "cursor"], (
        f"Called GET /posts with a forged cursor. Got {errors}, expected loc query.cursor"
    )


@pytest.mark.parametrize("value", ["\ud800", "a\x00b", ["a"]], ids=["surrogate", "nul", "list"])
def test_a_forged_title_cursor_postgresql_cannot_take_is_a_422(
    client: TestClient, make_post: PostFactory, value: Any
) -> None:
    make_post()
    raw = json.dumps({"k": "title", "d": False, "v": value, "id": 1}).encode()
    cursor = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    response = client.get("/posts", params={"cursor": cursor, "sort": "title", "order": "asc"})
    assert_error(response, 422, f"GET /posts?sort=title with a cursor holding v={value!r}")


@pytest.mark.parametrize(
    "raw",
    ['{"author_id": 1, "title": ', "not json at all", '{"a": 1}}', "\xff\xfe"],
    ids=["truncated", "text", "trailing-brace", "not-utf8"],
)
def test_a_body_that_is_not_decodable_json_is_a_400(client: TestClient, raw: str) -> None:
    content = raw.encode("latin-1")
    response = client.post("/posts", content=content, headers=JSON)
    assert_error(response, 400, f"POST /posts with body {raw!r}")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_that_is_not_declared_as_json_is_a_415(
    client: TestClient, make_user: UserFactory, content_type: str | None
) -> None:
    body = json.dumps({"author_id": make_user()["id"], "title": "t", "body": "b"})
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/posts", content=body, headers=headers)
    assert_error(response, 415, f"POST /posts with Content-Type {content_type}")
    response = client.post("/posts", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 201, (
        f"Called POST /posts with the same body as JSON. Got {response.status_code}, expected 201"
    )


def test_a_body_over_the_size_limit_is_a_413_declared_or_streamed(client: TestClient) -> None:
    huge = b'{"title": "' + b"x" * 300_000 + b'"}'
    response = client.post("/posts", content=huge, headers=JSON)
    assert_error(response, 413, "POST /posts with a 300 KB body")

    def chunks() -> Any:
        yield huge[:100_000]
        yield huge[100_000:]

    # A generator body goes out chunked: no Content-Length to refuse it up front.
    response = client.post("/posts", content=chunks(), headers=JSON)
    assert_error(response, 413, "POST /posts with a 300 KB chunked body")


def test_the_largest_valid_post_is_under_the_size_limit(
    client: TestClient, make_user: UserFactory
) -> None:
    # 20,000 astral characters, each sent as a 12-byte \\uXXXX\\uXXXX escape pair.
    body = {"author_id": make_user()["id"], "title": "t" * 200, "body": "😀" * 20_000}
    raw = json.dumps(body).encode()
    response = client.post("/posts", content=raw, headers=JSON)
    assert response.status_code == 201, (
        f"Called POST /posts with the largest valid post ({len(raw)} bytes). Got "
        f"{response.status_code} {response.text[:200]}, expected 201"
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"password": "Zq9!x"},
        {"password": "Zq9!x" * 15},
        {"password": 918273645},
        {"username": "a d", "password": "s3cret-but-taken-elsewhere"},
    ],
    ids=["too-short", "too-long", "not-a-string", "beside-another-error"],
)
def test_a_422_never_echoes_the_password(
    client: TestClient, make_user: UserFactory, changes: dict[str, Any]
) -> None:
    user = make_user()
    for method, path, body in [
        ("POST", "/users", {"username": "eve", "email": "eve@example.com", **changes}),
        ("PATCH", f"/users/{user['id']}", changes),
    ]:
        response = client.request(method, path, json=body)
        assert_error(response, 422, f"{method} {path} with {changes}")
        password = str(changes["password"])
        assert password not in response.text, (
            f"Called {method} {path}. Got the password in {response.text}, expected it never echoed"
        )


@pytest.mark.parametrize(
    "body",
    [
        {f"field{n}": n for n in range(10_000)},
        {"x" * 200_000: 1},
        {"title": "x" * 200_000},
    ],
    ids=["ten-thousand-unknown-fields", "a-200-kb-field-name", "a-200-kb-value"],
)
def test_an_error_body_stays_small_whatever_the_input_size(
    client: TestClient, make_post: PostFactory, body: dict[str, Any]
) -> None:
    post = make_post()
    response = client.patch(f"/posts/{post['id']}", json=body)
    assert_error(response, 422, "PATCH /posts/{id} with a huge body")
    assert len(response.content) < 4_000, (
        f"Called PATCH /posts/{{id}} with a {len(json.dumps(body))}-byte body. Got a "
        f"{len(response.content)}-byte error, expected under 4,000 bytes"
    )


@pytest.mark.parametrize("author_id", [True, "1", 1.0, [1], {"id": 1}])
def test_true_or_a_string_is_not_an_id(
    client: TestClient, make_user: UserFactory, author_id: Any
) -> None:
    make_user()  # user 1 may exist: the id must still be refused
    response = client.post("/posts", json={"author_id": author_id, "title": "t", "body": "b"})
    errors = assert_error(response, 422, f"POST /posts with author_id={author_id!r}")["errors"]
    assert errors[0]["loc"] == ["body", "author_id"], (
        f"Called POST /posts with author_id={author_id!r}. Got {errors}, expected loc author_id"
    )


@pytest.mark.parametrize("path", ["1.0", "01", "+1", "1_0", "%201", "1e0", "0x1"])
def test_a_non_canonical_id_in_the_path_is_a_422_not_that_post(
    client: TestClient, make_post: PostFactory, path: str
) -> None:
    post = make_post()
    assert post["id"] >= 1
    for url in (f"/posts/{path}", f"/posts?author_id={path}"):
        response = client.get(url)
        assert_error(response, 422, f"GET {url}")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"password": "short"}, "password"),
        ({"username": None}, "username"),
        ({"bio": 5}, "bio"),
    ],
)
def test_error_locations_name_the_field_not_validator_internals(
    client: TestClient, make_user: UserFactory, body: dict[str, Any], field: str
) -> None:
    user = make_user()
    response = client.patch(f"/users/{user['id']}", json=body)
    errors = assert_error(response, 422, f"PATCH /users/{{id}} with {body}")["errors"]
    assert [error["loc"] for error in errors] == [["body", field]], (
        f"Called PATCH /users/{{id}} with {body}. Got locations "
        f"{[error['loc'] for error in errors]}, expected exactly [['body', '{field}']]"
    )


def test_usernames_that_differ_only_in_case_are_a_409(
    client: TestClient, make_user: UserFactory
) -> None:
    make_user(username="Ada")
    body = {"username": "aDA", "email": "other@example.com", "password": "s3cret-pass"}
    assert_error(client.post("/users", json=body), 409, "POST /users username=aDA after Ada")
    bob = make_user(username="bob")
    response = client.patch(f"/users/{bob['id']}", json={"username": "ADA"})
    assert_error(response, 409, "PATCH /users/{id} username=ADA after Ada")


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/nowhere", 404),
        ("GET", "/posts/999999", 404),
        ("PUT", "/posts", 405),
        ("GET", "/posts?limit=0", 422),
    ],
)
def test_framework_errors_have_the_same_shape(
    client: TestClient, method: str, path: str, status: int
) -> None:
    assert_error(client.request(method, path), status, f"{method} {path}")


def test_any_http_error_a_route_raises_has_the_same_shape_and_keeps_its_headers() -> None:
    from fastapi import HTTPException

    from app.config import Settings
    from app.main import create_app

    # A stand-in for a rate limiter: the shape must hold for a status the API adds later.
    app = create_app(Settings(database_url="postgresql://nobody@127.0.0.1:1/nothing"))

    @app.get("/limited")
    async def limited() -> None:
        raise HTTPException(429, "Too many requests", headers={"Retry-After": "7"})

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/limited")
    assert_error(response, 429, "GET /limited (raises HTTPException 429)")
    assert response.headers.get("retry-after") == "7", (
        f"Called GET /limited. Got headers {dict(response.headers)}, expected Retry-After: 7"
    )
