"""POST /token: the OAuth2 password grant, its answers and errors as RFC 6749 shapes them."""

from __future__ import annotations

import re

import httpx2 as httpx  # what TestClient returns (Starlette 1.x prefers httpx2)
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.passwords import PasswordHasher
from tests.helpers import EMAIL, PASSWORD, payload_of, register, request_token

pytestmark = pytest.mark.day(48)

# RFC 6749 5.2: error_description is printable ASCII without '"' and '\'.
DESCRIPTION = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e]*")
FORM = {"content-type": "application/x-www-form-urlencoded"}


def assert_oauth2_error(response: httpx.Response, error: str, call: str) -> dict[str, str]:
    """A 400 {"error": error, "error_description"?} that must not be cached; the body."""
    assert response.status_code == 400, (
        f"Called {call}. Got {response.status_code} {response.text}, expected 400 (RFC 6749 5.2)"
    )
    body = response.json()
    assert body.get("error") == error, (
        f'Called {call}. Got {body}, expected {{"error": "{error}", "error_description": ...}}'
    )
    assert set(body) <= {"error", "error_description", "error_uri"}, (
        f"Called {call}. Got the fields {sorted(body)}, expected only error, error_description"
    )
    description = body.get("error_description", "")
    assert isinstance(description, str) and DESCRIPTION.fullmatch(description), (
        f"Called {call}. Got error_description {description!r}, expected printable ASCII "
        "without quotes or backslashes (RFC 6749 5.2)"
    )
    assert response.headers.get("cache-control") == "no-store", (
        f"Called {call}. Got Cache-Control {response.headers.get('cache-control')!r}, "
        "expected 'no-store'"
    )
    assert "access_token" not in response.text
    return dict(body)


@pytest.mark.hint("Return TokenResponse(access_token=..., token_type='bearer', expires_in=...).")
def test_the_right_password_gets_a_bearer_token_response_as_rfc_6749_5_1(
    client: TestClient,
) -> None:
    user_id = register(client)
    response = request_token(client)
    assert response.status_code == 200, (
        f"Called POST /token with the right password. Got {response.status_code} {response.text}"
    )
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}, (
        f"Called POST /token. Got the fields {sorted(body)}, expected exactly "
        "['access_token', 'expires_in', 'token_type']"
    )
    assert body["token_type"] == "bearer" and body["expires_in"] == 15 * 60, (
        f"Called POST /token. Got {body['token_type']!r} and expires_in {body['expires_in']!r}, "
        "expected 'bearer' and 900 (seconds, ACCESS_TOKEN_EXPIRE_MINUTES=15)"
    )
    claims = payload_of(body["access_token"])
    assert claims["sub"] == str(user_id) and claims["exp"] - claims["iat"] == 900, (
        f"Read the token's payload. Got {claims}, expected sub {str(user_id)!r} and exp = iat + 900"
    )
    headers = {name: response.headers.get(name) for name in ("cache-control", "pragma")}
    assert headers == {"cache-control": "no-store", "pragma": "no-cache"}, (
        f"Called POST /token. Got the headers {headers}, expected Cache-Control: no-store and "
        "Pragma: no-cache (a token must not be cached)"
    )
    assert response.headers["content-type"].startswith("application/json")


def test_the_username_is_the_email_in_any_case(client: TestClient) -> None:
    register(client)
    response = request_token(client, username="Ada@EXAMPLE.com")
    assert response.status_code == 200, (
        f"Called POST /token with username 'Ada@EXAMPLE.com' for {EMAIL}. "
        f"Got {response.status_code}, expected 200"
    )


def test_swagger_uis_extra_fields_scope_and_client_id_are_accepted(client: TestClient) -> None:
    register(client)
    response = request_token(client, scope="", client_id="", client_secret="")
    assert response.status_code == 200, (
        "Called POST /token with scope, client_id and client_secret as Swagger UI sends them. "
        f"Got {response.status_code} {response.text}, expected 200"
    )


@pytest.mark.hint('raise OAuth2Error("invalid_grant", ...): one answer for both failures.')
def test_a_wrong_password_and_an_unknown_user_get_the_same_invalid_grant(
    client: TestClient,
) -> None:
    register(client)
    wrong = assert_oauth2_error(
        request_token(client, password="not the password"),
        "invalid_grant",
        "POST /token with a wrong password",
    )
    unknown = assert_oauth2_error(
        request_token(client, username="nobody@example.com"),
        "invalid_grant",
        "POST /token for an unknown user",
    )
    assert wrong == unknown, (
        f"Got {wrong} for a wrong password and {unknown} for an unknown user, expected the same "
        "answer: it must not tell which emails have accounts"
    )


def test_an_unknown_user_costs_one_password_check_like_a_wrong_password(
    client: TestClient, journey_app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    register(client)
    hasher: PasswordHasher = journey_app.state.hasher
    checked: list[str] = []
    real_check = hasher.verify_and_update

    def spy(plain: str, hashed: str) -> tuple[bool, str | None]:
        checked.append(hashed)
        return real_check(plain, hashed)

    monkeypatch.setattr(hasher, "verify_and_update", spy)
    request_token(client, password="not the password")
    request_token(client, username="nobody@example.com")
    assert len(checked) == 2 and checked[1] == hasher.dummy_hash, (
        f"Called POST /token with a wrong password, then for an unknown user. Got {len(checked)} "
        "password checks, expected 2: the second against the dummy hash (same time, same answer)"
    )


@pytest.mark.parametrize(
    "grant_type",
    ["client_credentials", "authorization_code", "refresh_token", "PASSWORD", "password\n", "pass"],
)
def test_another_grant_type_is_unsupported_grant_type(client: TestClient, grant_type: str) -> None:
    register(client)
    response = request_token(client, grant_type=grant_type)
    assert_oauth2_error(response, "unsupported_grant_type", f"POST /token with {grant_type=}")


@pytest.mark.hint("Catch RequestValidationError in OAuth2TokenRoute: error_from_validation.")
@pytest.mark.parametrize("missing", ["grant_type", "username", "password"])
def test_a_missing_or_empty_parameter_is_invalid_request_naming_it(
    client: TestClient, missing: str
) -> None:
    register(client)
    form = {"grant_type": "password", "username": EMAIL, "password": PASSWORD}
    for sent in ({k: v for k, v in form.items() if k != missing}, {**form, missing: ""}):
        call = f"POST /token with the form {sorted(sent)} ({missing}={sent.get(missing)!r})"
        body = assert_oauth2_error(client.post("/token", data=sent), "invalid_request", call)
        assert missing in body.get("error_description", ""), (
            f"Called {call}. Got {body}, expected an error_description naming {missing!r}"
        )


def test_a_json_body_is_invalid_request_the_token_endpoint_takes_a_form(
    client: TestClient,
) -> None:
    register(client)
    body = {"grant_type": "password", "username": EMAIL, "password": PASSWORD}
    response = client.post("/token", json=body)
    assert_oauth2_error(response, "invalid_request", "POST /token with a JSON body")


def test_a_file_instead_of_a_text_field_is_invalid_request(client: TestClient) -> None:
    register(client)
    form = {"grant_type": "password", "username": EMAIL}
    response = client.post("/token", data=form, files={"password": ("p.txt", PASSWORD.encode())})
    assert_oauth2_error(response, "invalid_request", "POST /token with the password as a file")


def test_credentials_in_the_query_string_are_never_read(client: TestClient) -> None:
    register(client)
    query = {"grant_type": "password", "username": EMAIL, "password": PASSWORD}
    response = client.post("/token", params=query, headers=FORM)
    assert_oauth2_error(response, "invalid_request", "POST /token?username=...&password=...")


@pytest.mark.hint(
    "RFC 6749 3.2: a parameter sent twice is invalid_request (FastAPI keeps the last)."
)
@pytest.mark.parametrize(
    "form",
    [
        f"grant_type=password&username=nobody%40example.com&username=ada%40example.com"
        f"&password={PASSWORD}",
        f"grant_type=password&username=ada%40example.com&password=wrong&password={PASSWORD}",
        f"grant_type=refresh_token&grant_type=password&username=ada%40example.com"
        f"&password={PASSWORD}",
    ],
)
def test_a_repeated_parameter_is_invalid_request(client: TestClient, form: str) -> None:
    register(client)
    response = client.post("/token", content=form.replace(" ", "+"), headers=FORM)
    assert_oauth2_error(response, "invalid_request", f"POST /token with the body {form!r}")


@pytest.mark.parametrize(
    ("username", "password"),
    [
        ("ada\x00@example.com", PASSWORD),
        ("a" * 10_000 + "@example.com", PASSWORD),
        ("' OR '1'='1", "' OR '1'='1"),
        ("%", PASSWORD),
        ("ädä@exämple.com", PASSWORD),
        (EMAIL, "p" * 1_000_000),
        (EMAIL, PASSWORD + "\x00"),
    ],
    ids=[
        "nul",
        "long-username",
        "sql",
        "like-wildcard",
        "unicode",
        "huge-password",
        "nul-password",
    ],
)
def test_hostile_credentials_get_invalid_grant_never_a_500(
    client: TestClient, username: str, password: str
) -> None:
    register(client)
    response = request_token(client, username=username, password=password)
    call = f"POST /token with username {username[:20]!r} and a {len(password)}-character password"
    assert_oauth2_error(response, "invalid_grant", call)
