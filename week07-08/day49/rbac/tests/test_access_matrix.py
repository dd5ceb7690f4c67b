"""Every route, every caller: the status each role gets, as tests/access_matrix.toml says."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.config import Settings
from app.models import Post, Role
from tests.helpers import add_user, bearer, forged, stored_role, token_for

pytestmark = pytest.mark.day(49)

MATRIX: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent / "access_matrix.toml").read_text()
)["route"]
CALLERS = ("anonymous", "bad_token", "user", "moderator", "admin")
PUBLIC = {("POST", "/register"), ("POST", "/token")}
CASES = [
    pytest.param(route, caller, id=f"{caller}-{route['method']} {route['path']}")
    for route in MATRIX
    for caller in CALLERS
]


def app_operations(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every API route; FastAPI 0.165 nests included routers in app.routes."""
    return {
        (method, str(context.path))
        for context in iter_route_contexts(app.routes)
        if isinstance(context.original_route, APIRoute)
        for method in context.methods or ()
    }


def test_the_matrix_lists_every_route_and_none_is_locked_for_everyone(
    client: TestClient,
    db_session: Session,
    settings: Settings,
    password_hash: str,
    journey_app: FastAPI,
) -> None:
    listed = {(route["method"], route["path"]) for route in MATRIX}
    protected = app_operations(journey_app) - PUBLIC
    assert listed == protected, (
        f"Walked app.routes. Got routes missing from access_matrix.toml: "
        f"{sorted(protected - listed)}, and rows for no route: {sorted(listed - protected)}"
    )
    for route in MATRIX:
        assert set(route["expect"]) == set(CALLERS), f"{route['path']}: expected every caller"
    # A route that nobody may call is a typo in its require_role: here admins may call all.
    admin = add_user(db_session, "admin@example.com", Role.ADMIN, password_hash)
    other = add_user(db_session, "other@example.com", Role.USER, password_hash)
    for route in MATRIX:
        db_session.add(post := Post(author_id=other.id, title="t", body="b"))
        db_session.commit()
        path = route["path"].format(post_id=post.id, user_id=other.id)
        headers = bearer(token_for(settings, admin.id))
        response = client.request(route["method"], path, json=route.get("body"), headers=headers)
        assert response.status_code < 300, (
            f"Called {route['method']} {path} as an admin. Got {response.status_code}, "
            "expected a 2xx: every route must let some role through"
        )


@pytest.mark.hint("Routers depend on require_role(...); ensure_role answers 403 to other roles.")
@pytest.mark.parametrize(("route", "caller"), CASES)
def test_each_caller_gets_the_status_the_matrix_expects(
    client: TestClient,
    db_session: Session,
    settings: Settings,
    password_hash: str,
    route: dict[str, Any],
    caller: str,
) -> None:
    people = {
        role: add_user(db_session, f"{role}@example.com", role, password_hash) for role in Role
    }
    other = add_user(db_session, "other@example.com", Role.USER, password_hash)
    post = Post(author_id=other.id, title="Someone else's", body="...")
    db_session.add(post)
    db_session.commit()

    headers: dict[str, str] = {}
    if caller == "bad_token":  # the admin's token, signed with a key that is not the app's
        headers = bearer(forged(settings, people[Role.ADMIN].id, key="x" * 43))
    elif caller != "anonymous":
        headers = bearer(token_for(settings, people[Role(caller)].id))
    path = route["path"].format(post_id=post.id, user_id=other.id)
    response = client.request(route["method"], path, json=route.get("body"), headers=headers)

    expected = route["expect"][caller]
    assert response.status_code == expected, (
        f"Called {route['method']} {path} as {caller}. Got {response.status_code} "
        f"{response.text[:200]}, expected {expected}"
    )
    if expected == 401:
        assert response.headers.get("www-authenticate", "").startswith("Bearer"), (
            f"Called {route['method']} {path} as {caller}. Got a 401 without "
            "'WWW-Authenticate: Bearer ...'"
        )
    if expected == 403:
        assert response.json() == {"detail": "Insufficient permissions"}, (
            f"Called {route['method']} {path} as {caller}. Got {response.json()}, expected "
            '{"detail": "Insufficient permissions"}'
        )
        # A refused call changed nothing.
        assert stored_role(db_session, other.id) == "user"
        assert db_session.get(Post, post.id) is not None
