"""Day 51: what a role may do is read from the database, every time it is asked."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.models import Role
from app.permissions import permissions_for_role
from tests.helpers import SEEDED, World

pytestmark = pytest.mark.day(51)


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_permissions_for_role_answers_the_seeded_permissions(
    db_session: Session, role: Role
) -> None:
    got = permissions_for_role(db_session, role)
    assert got == frozenset(SEEDED[role.value]), (
        f"Called permissions_for_role(db, Role.{role.name}). Got {sorted(got)}, "
        f"expected {sorted(SEEDED[role.value])}"
    )


def test_permissions_for_role_sees_every_change_at_once(db_session: Session) -> None:
    assert "delete:post" not in permissions_for_role(db_session, Role.USER)
    db_session.execute(
        text(
            "INSERT INTO role_permissions (role, permission_id) "
            "SELECT 'user', id FROM permissions WHERE name = 'delete:post'"
        )
    )
    assert "delete:post" in permissions_for_role(db_session, Role.USER), (
        "Granted delete:post to user with SQL, then called permissions_for_role(db, Role.USER). "
        "Got no delete:post: read role_permissions on every call, cache nothing"
    )
    db_session.execute(text("DELETE FROM role_permissions WHERE role = 'user'"))
    got = permissions_for_role(db_session, Role.USER)
    assert got == frozenset(), f"Removed every grant of user. Got {sorted(got)}, expected none"


def test_users_me_shows_the_role_and_its_permissions_now(
    client: TestClient, db_session: Session, world: World
) -> None:
    response = client.get("/users/me", headers=world.headers("moderator"))
    assert response.status_code == 200, f"Called GET /users/me. Got {response.status_code}"
    body = response.json()
    expected = sorted(SEEDED["moderator"])
    assert (body["role"], body["permissions"]) == ("moderator", expected), (
        f"Called GET /users/me as a moderator. Got role {body['role']!r}, permissions "
        f"{body['permissions']}, expected 'moderator' and {expected} (sorted)"
    )
    db_session.execute(text("DELETE FROM role_permissions WHERE role = 'moderator'"))
    again = client.get("/users/me", headers=world.headers("moderator")).json()["permissions"]
    assert again == [], (
        f"Removed the moderator's permissions, then called GET /users/me with the same token. "
        f"Got {again}, expected []: permissions are read per request, never from the token"
    )
