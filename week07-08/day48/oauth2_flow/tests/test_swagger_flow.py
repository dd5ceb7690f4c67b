"""The Authorize button of /docs, driven the way Swagger UI drives it: from /openapi.json alone."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.helpers import EMAIL, PASSWORD, register

pytestmark = pytest.mark.day(48)

SCHEME = "OAuth2PasswordBearer"


@pytest.mark.hint('OAuth2PasswordBearer(tokenUrl="token") in get_current_user puts it in /docs.')
def test_swagger_ui_logs_in_through_the_token_url_the_openapi_document_declares(
    client: TestClient,
) -> None:
    register(client)
    document = client.get("/openapi.json").json()
    schemes = document.get("components", {}).get("securitySchemes", {})
    assert schemes.get(SCHEME, {}).get("flows", {}).get("password", {}).get("tokenUrl") == (
        "token"
    ), f"Read /openapi.json. Got securitySchemes {schemes}, expected the password flow with "
    "tokenUrl 'token'"

    secured = {
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if {SCHEME: []} in operation.get("security", [])
    }
    assert {("GET", "/users/me"), ("GET", "/notes"), ("POST", "/notes")} <= secured, (
        f"Read /openapi.json. Got {sorted(secured)} with a lock, expected /users/me and /notes"
    )
    assert not secured & {("POST", "/token"), ("POST", "/register")}

    # What the Authorize dialog does: resolve tokenUrl against the document's URL, post the
    # form, then send "<token_type> <access_token>" on every operation that has a lock.
    token_url = urlsplit(urljoin("http://testserver/openapi.json", "token")).path
    form = {"grant_type": "password", "username": EMAIL, "password": PASSWORD, "scope": ""}
    response = client.post(token_url, data=form)
    assert response.status_code == 200, (
        f"Called POST {token_url} as Swagger UI does. Got {response.status_code} {response.text}"
    )
    token = response.json()
    authorization = f"{token['token_type'].capitalize()} {token['access_token']}"
    for method, path in sorted(secured):
        body = {"text": "from the docs"} if method == "POST" else None
        answer = client.request(method, path, json=body, headers={"Authorization": authorization})
        assert answer.status_code in (200, 201), (
            f"Called {method} {path} after authorizing. Got {answer.status_code} {answer.text}"
        )


def test_the_token_form_is_documented_as_rfc_6749_asks(client: TestClient) -> None:
    register(client)
    operation = client.get("/openapi.json").json()["paths"]["/token"]["post"]
    content = operation["requestBody"]["content"]
    assert list(content) == ["application/x-www-form-urlencoded"], (
        f"Read POST /token in /openapi.json. Got {list(content)}, expected a form body"
    )
    assert "400" in operation["responses"], (
        f"Read POST /token's responses. Got {sorted(operation['responses'])}, expected 400 "
        "documented (RFC 6749 5.2)"
    )
    response = client.post("/token", data={"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 400 and response.json()["error"] == "invalid_request", (
        f"Called POST /token without grant_type. Got {response.status_code} {response.text}, "
        "expected 400 invalid_request (grant_type is required, RFC 6749 4.3.2)"
    )
