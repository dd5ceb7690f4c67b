"""The routes a token opens: every one behind the OAuth2 scheme, 401s shaped as RFC 6750 says."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import httpx2 as httpx  # what TestClient returns (Starlette 1.x prefers httpx2)
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.config import Settings
from app.oauth2 import oauth2_scheme
from conftest import FrozenClock
from tests.helpers import (
    DROP,
    EMAIL,
    access_token,
    bearer,
    claims,
    register,
    sign,
    unsigned,
)

pytestmark = pytest.mark.day(48)

PUBLIC = {("POST", "/register"), ("POST", "/token")}
# A valid body for each route that takes one, so only the token decides the answer.
BODIES: dict[tuple[str, str], dict[str, Any]] = {("POST", "/notes"): {"text": "a note"}}


def calls(dependant: Dependant) -> Iterator[Callable[..., Any] | None]:
    """Every callable in a route's dependency tree."""
    yield dependant.call
    for sub in dependant.dependencies:
        yield from calls(sub)


def api_routes(app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    """(method, path, route) of every operation; included routers walked too.

    FastAPI 0.165 keeps each included router as one entry of app.routes:
    iter_route_contexts yields the routes inside them with their effective path.
    """
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            path = str(context.path)
            found += [(method, path, route) for method in sorted(context.methods or ())]
    return found


def call(client: TestClient, method: str, path: str, headers: dict[str, str]) -> httpx.Response:
    return client.request(method, path, json=BODIES.get((method, path)), headers=headers)


def assert_invalid_token(response: httpx.Response, what: str) -> None:
    """401 "Could not validate credentials", `WWW-Authenticate: Bearer error="invalid_token"...`."""
    challenge = response.headers.get("www-authenticate", "")
    assert response.status_code == 401 and challenge.startswith('Bearer error="invalid_token"'), (
        f"Called GET /users/me with {what}. Got {response.status_code} and WWW-Authenticate "
        f"{challenge!r}, expected 401 and 'Bearer error=\"invalid_token\", ...' (RFC 6750 3.1)"
    )
    assert response.json() == {"detail": "Could not validate credentials"}, (
        f"Called GET /users/me with {what}. Got {response.json()}"
    )


@pytest.mark.hint(
    "Every route but /register and /token depends on get_current_user (oauth2_scheme)."
)
def test_every_protected_route_uses_the_oauth2_scheme(
    client: TestClient, journey_app: FastAPI
) -> None:
    register(client)
    token = access_token(client)
    routes = [(m, p, r) for m, p, r in api_routes(journey_app) if (m, p) not in PUBLIC]
    assert {("GET", "/users/me"), ("GET", "/notes"), ("POST", "/notes")} <= {
        (m, p) for m, p, _ in routes
    }, f"Walked app.routes. Got {[(m, p) for m, p, _ in routes]}, expected /users/me and /notes"
    for method, path, route in routes:
        assert oauth2_scheme in set(calls(route.dependant)), (
            f"Walked app.routes. Got {method} {path} without oauth2_scheme among its "
            "dependencies, expected every route but /register and /token to use it"
        )
        missing = call(client, method, path, {})
        assert missing.status_code == 401 and missing.headers.get("www-authenticate") == "Bearer", (
            f"Called {method} {path} without a token. Got {missing.status_code} "
            f"{missing.headers.get('www-authenticate')!r}, expected 401 'Bearer'"
        )
        forged = call(client, method, path, bearer(token[:-4] + "AAAA"))
        assert forged.status_code == 401 and 'error="invalid_token"' in forged.headers.get(
            "www-authenticate", ""
        ), f"Called {method} {path} with a tampered token. Got {forged.status_code}, expected 401"
        ok = call(client, method, path, bearer(token))
        assert ok.status_code in (200, 201), (
            f"Called {method} {path} with a valid token. Got {ok.status_code} {ok.text}"
        )


@pytest.mark.parametrize(
    "authorization",
    [None, "Basic YWRhQGV4YW1wbGUuY29tOnNlY3JldA==", "Token abc.def.ghi", "JWT abc.def.ghi"],
)
def test_no_bearer_token_is_401_not_authenticated_with_a_bare_bearer_challenge(
    client: TestClient, authorization: str | None
) -> None:
    register(client)
    # The same route opens with a token: the 401 below is about the missing token.
    token = access_token(client)
    assert client.get("/users/me", headers=bearer(token)).status_code == 200
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.get("/users/me", headers=headers)
    assert response.status_code == 401 and response.json() == {"detail": "Not authenticated"}, (
        f"Called GET /users/me with Authorization {authorization!r}. "
        f"Got {response.status_code} {response.text}, expected 401 Not authenticated"
    )
    assert response.headers.get("www-authenticate") == "Bearer", (
        f"Got WWW-Authenticate {response.headers.get('www-authenticate')!r}, expected 'Bearer' "
        "(RFC 6750 3.1: no error code when the request had no token)"
    )


def test_a_token_opens_users_me_and_the_scheme_name_is_case_insensitive(
    client: TestClient,
) -> None:
    user_id = register(client)
    token = access_token(client)
    for scheme in ("Bearer", "bearer", "BEARER"):
        response = client.get("/users/me", headers={"Authorization": f"{scheme} {token}"})
        assert response.status_code == 200 and response.json()["id"] == user_id, (
            f"Called GET /users/me with '{scheme} <token>'. Got {response.status_code} "
            f"{response.text}, expected 200 and the user (RFC 7235: the scheme ignores case)"
        )
    assert response.json()["email"] == EMAIL


def test_a_token_in_the_query_string_is_not_read(client: TestClient) -> None:
    register(client)
    token = access_token(client)
    response = client.get("/users/me", params={"access_token": token})
    assert response.status_code == 401, (
        f"Called GET /users/me?access_token=<token>. Got {response.status_code}, expected 401: "
        "a token in a URL ends up in logs and browser history"
    )


FORGERIES: dict[str, Callable[[Settings, str, Any], str]] = {
    "garbage": lambda s, sub, now: "not-a-jwt",
    "empty": lambda s, sub, now: "",
    "alg-none": lambda s, sub, now: unsigned(claims(s, sub, now)),
    "other-key": lambda s, sub, now: sign(claims(s, sub, now), "x" * 43),
    "hs512-same-key": lambda s, sub, now: sign(
        claims(s, sub, now), s.jwt_secret_key.get_secret_value(), "HS512"
    ),
    "no-exp": lambda s, sub, now: sign(
        claims(s, sub, now, exp=DROP), s.jwt_secret_key.get_secret_value()
    ),
    "no-aud": lambda s, sub, now: sign(
        claims(s, sub, now, aud=DROP), s.jwt_secret_key.get_secret_value()
    ),
    "no-iss": lambda s, sub, now: sign(
        claims(s, sub, now, iss=DROP), s.jwt_secret_key.get_secret_value()
    ),
    "no-sub": lambda s, sub, now: sign(claims(s, DROP, now), s.jwt_secret_key.get_secret_value()),
    "other-aud": lambda s, sub, now: sign(
        claims(s, sub, now, aud="another-api"), s.jwt_secret_key.get_secret_value()
    ),
    "other-iss": lambda s, sub, now: sign(
        claims(s, sub, now, iss="someone-else"), s.jwt_secret_key.get_secret_value()
    ),
    "sub-not-an-id": lambda s, sub, now: sign(
        claims(s, "ada@example.com", now), s.jwt_secret_key.get_secret_value()
    ),
    "sub-too-big": lambda s, sub, now: sign(
        claims(s, "99999999999", now), s.jwt_secret_key.get_secret_value()
    ),
    "not-an-access-token": lambda s, sub, now: sign(
        claims(s, sub, now, type="refresh"), s.jwt_secret_key.get_secret_value()
    ),
}


@pytest.mark.hint('decode_token raises InvalidToken: answer 401 with error="invalid_token".')
@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forged_or_broken_token_is_401_invalid_token(
    client: TestClient, settings: Settings, clock: FrozenClock, forgery: str
) -> None:
    user_id = register(client)
    token = FORGERIES[forgery](settings, str(user_id), clock.now)
    assert_invalid_token(client.get("/users/me", headers=bearer(token)), f"a {forgery} token")


def test_a_token_whose_user_is_gone_is_401_invalid_token(
    client: TestClient, db_session: Session
) -> None:
    user_id = register(client)
    token = access_token(client)
    db_session.execute(text("DELETE FROM users WHERE id = :id"), {"id": user_id})
    assert_invalid_token(client.get("/users/me", headers=bearer(token)), "a deleted user's token")


def test_a_token_works_until_its_exp_then_is_401_the_access_token_expired(
    client: TestClient, clock: FrozenClock
) -> None:
    register(client)
    token = access_token(client)
    clock.advance(timedelta(minutes=15) - timedelta(seconds=1))
    response = client.get("/users/me", headers=bearer(token))
    assert response.status_code == 200, (
        f"Called GET /users/me 14:59 after login. Got {response.status_code}, expected 200"
    )
    clock.advance(timedelta(seconds=1))
    response = client.get("/users/me", headers=bearer(token))
    assert_invalid_token(response, "a token at its exp")
    challenge = response.headers["www-authenticate"]
    assert 'error_description="The access token expired"' in challenge, (
        f"Called GET /users/me with an expired token. Got WWW-Authenticate {challenge!r}, "
        'expected error_description="The access token expired"'
    )


def test_a_refused_token_is_never_written_to_the_log(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    register(client)
    token = access_token(client)
    tampered = token[:-4] + "AAAA"
    assert client.get("/users/me", headers=bearer(tampered)).status_code == 401
    assert token not in caplog.text and tampered not in caplog.text, (
        "Called GET /users/me with a tampered token. Found the token in the log, expected the "
        "cause only"
    )


def test_notes_are_private_to_their_owner(client: TestClient) -> None:
    register(client)
    register(client, "bob@example.com")
    ada, bob = access_token(client), access_token(client, "bob@example.com")
    created = client.post("/notes", json={"text": "Ada's note"}, headers=bearer(ada))
    assert created.status_code == 201, f"Called POST /notes. Got {created.status_code}"
    mine = client.get("/notes", headers=bearer(ada)).json()
    theirs = client.get("/notes", headers=bearer(bob)).json()
    assert [n["text"] for n in mine] == ["Ada's note"] and theirs == [], (
        f"Called GET /notes as Ada, then as Bob. Got {mine} and {theirs}, expected Ada's note "
        "for Ada only"
    )
