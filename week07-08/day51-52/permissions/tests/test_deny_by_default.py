"""Day 52: deny by default. Every route says who may call it, and refuses everyone else."""

from __future__ import annotations

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.access import public
from tests.helpers import World
from tests.routes import operations, policy_of, required_permissions

pytestmark = pytest.mark.day(52)


def sample_path(path: str, world: World) -> str:
    """The route's path with each parameter filled with a value that exists."""
    values = {
        "post_id": world.posts["user"],
        "user_id": world.users["other"],
        "role": "user",
        "permission": "create:post",
    }
    try:
        return path.format(**values)
    except KeyError as missing:
        raise AssertionError(f"{path}: add a sample value for {missing} in sample_path") from None


def assert_the_walk_sees_a_forgotten_route() -> None:
    """The walk itself works: on a probe app it finds the route that declares nothing."""
    probe = FastAPI()

    @probe.get("/forgotten")
    def forgotten() -> None:
        """A route someone added without saying who may call it."""

    @probe.get("/open", dependencies=[Depends(public)])
    def open_route() -> None:
        """A public route."""

    found = [operation.key for operation in operations(probe) if policy_of(operation) is None]
    assert found == ["GET /forgotten"], f"Walked a probe app. Got {found}, expected the forgotten"


@pytest.mark.hint(
    "Every route needs Depends(public), Depends(authenticated) or "
    "Depends(require_permission(...)); require_permission answers 403 without the permission."
)
def test_every_route_declares_one_policy_and_refuses_everyone_else(
    client: TestClient, journey_app: FastAPI, db_session: Session, world: World
) -> None:
    assert_the_walk_sees_a_forgotten_route()
    every = operations(journey_app)
    assert len(every) >= 10, f"Walked the app. Got only {len(every)} operations: is the walk blind?"
    undeclared = [operation.key for operation in every if policy_of(operation) is None]
    assert not undeclared, (
        f"Walked the app's routes. Got {undeclared} with no policy (or two kinds), expected "
        "each to declare exactly one of public, authenticated, require_permission(...)"
    )
    existing = set(db_session.execute(text("SELECT name FROM permissions")).scalars())
    unknown = {name for operation in every for name in required_permissions(operation)} - existing
    assert not unknown, f"Routes require {sorted(unknown)}, which no migration seeds"
    # A user whose role has no permission at all: every permission route must say 403.
    db_session.execute(text("DELETE FROM role_permissions WHERE role = 'user'"))
    problems = []
    for operation in every:
        policy = policy_of(operation)
        if policy == "public":
            continue
        method, path = operation.method, sample_path(operation.path, world)
        anonymous = client.request(method, path)
        challenge = anonymous.headers.get("WWW-Authenticate", "")
        if anonymous.status_code != 401 or not challenge.startswith("Bearer"):
            problems.append(f"{method} {path} without a token: {anonymous.status_code}")
        if policy == "permission":
            refused = client.request(method, path, headers=world.headers("user"))
            if refused.status_code != 403:
                problems.append(
                    f"{method} {path} with no permission: {refused.status_code}, expected 403"
                )
    assert not problems, "Called every protected route. Got:\n  " + "\n  ".join(problems)
