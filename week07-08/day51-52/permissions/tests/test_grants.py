"""Day 52: admins grant and revoke permissions; the next request, same token, obeys the change."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.helpers import SEEDED, World

pytestmark = pytest.mark.day(52)

GRANT = "/admin/roles/{role}/permissions/{permission}"


def as_admin(client: TestClient, world: World, method: str, path: str) -> int:
    return client.request(method, path, headers=world.headers("admin")).status_code


@pytest.mark.hint("Read the role's permissions in every request: never from the token, no cache.")
def test_a_grant_applies_to_the_next_request_with_the_same_token(
    client: TestClient, world: World
) -> None:
    url = f"/posts/{world.posts['other']}"
    assert client.delete(url, headers=world.headers("user")).status_code == 403
    granted = as_admin(client, world, "PUT", GRANT.format(role="user", permission="delete:post"))
    assert granted == 204, f"Called PUT {GRANT} as admin. Got {granted}, expected 204"
    response = client.delete(url, headers=world.headers("user"))
    assert response.status_code == 204, (
        f"Granted delete:post to user, then called DELETE {url} with the user's same token. "
        f"Got {response.status_code}, expected 204"
    )


def test_a_revoke_applies_to_the_next_request_with_the_same_token(
    client: TestClient, world: World
) -> None:
    post = {"title": "Hello"}
    assert client.post("/posts", json=post, headers=world.headers("user")).status_code == 201
    revoked = as_admin(client, world, "DELETE", GRANT.format(role="user", permission="create:post"))
    assert revoked == 204, f"Called DELETE {GRANT} as admin. Got {revoked}, expected 204"
    response = client.post("/posts", json=post, headers=world.headers("user"))
    assert response.status_code == 403, (
        f"Revoked create:post from user, then called POST /posts with the same token. "
        f"Got {response.status_code}, expected 403"
    )


def test_granting_twice_keeps_one_grant(
    client: TestClient, db_session: Session, world: World
) -> None:
    url = GRANT.format(role="user", permission="delete:post")
    statuses = [as_admin(client, world, "PUT", url) for _ in range(2)]
    count = db_session.execute(
        text(
            "SELECT count(*) FROM role_permissions rp JOIN permissions p ON p.id = rp.permission_id"
            " WHERE rp.role = 'user' AND p.name = 'delete:post'"
        )
    ).scalar_one()
    assert (statuses, count) == ([204, 204], 1), (
        f"Called PUT {url} twice. Got statuses {statuses} and {count} grants, expected "
        "[204, 204] and 1 (PUT is idempotent)"
    )


@pytest.mark.parametrize(
    ("method", "role", "permission", "expected"),
    [
        ("PUT", "user", "fly:plane", 404),
        ("PUT", "user", "EDIT:POST", 404),
        ("PUT", "superuser", "edit:post", 422),
        ("DELETE", "user", "delete:post", 404),
        ("DELETE", "user", "fly:plane", 404),
    ],
    ids=["unknown-permission", "wrong-case", "unknown-role", "not-granted", "unknown-revoke"],
)
def test_grants_of_unknown_names_are_refused(
    client: TestClient, world: World, method: str, role: str, permission: str, expected: int
) -> None:
    url = GRANT.format(role=role, permission=permission)
    got = as_admin(client, world, method, url)
    assert got == expected, f"Called {method} {url} as admin. Got {got}, expected {expected}"


def test_no_admin_can_revoke_manage_permissions_from_admin(
    client: TestClient, world: World
) -> None:
    url = GRANT.format(role="admin", permission="manage:permissions")
    response = client.delete(url, headers=world.headers("admin"))
    assert response.status_code == 409, (
        f"Called DELETE {url}. Got {response.status_code}, expected 409: nobody could grant "
        "anything again"
    )
    roles = client.get("/admin/roles", headers=world.headers("admin"))
    assert roles.status_code == 200 and "manage:permissions" in roles.json()["admin"]


def test_only_manage_permissions_from_admin_is_locked(client: TestClient, world: World) -> None:
    changes = [
        ("DELETE", "admin", "delete:post"),
        ("PUT", "moderator", "manage:permissions"),
        ("DELETE", "moderator", "manage:permissions"),
    ]
    for method, role, permission in changes:
        url = GRANT.format(role=role, permission=permission)
        got = as_admin(client, world, method, url)
        assert got == 204, (
            f"Called {method} {url} as admin. Got {got}, expected 204: only manage:permissions "
            "from admin is refused"
        )
    roles = client.get("/admin/roles", headers=world.headers("admin")).json()
    assert "delete:post" not in roles["admin"] and "manage:permissions" not in roles["moderator"]


def test_admin_roles_lists_each_roles_permissions_as_they_are_now(
    client: TestClient, world: World
) -> None:
    as_admin(client, world, "PUT", GRANT.format(role="user", permission="delete:post"))
    response = client.get("/admin/roles", headers=world.headers("admin"))
    assert response.status_code == 200, f"Called GET /admin/roles. Got {response.status_code}"
    expected = {role: sorted(names) for role, names in SEEDED.items()}
    expected["user"] = sorted({*SEEDED["user"], "delete:post"})
    assert response.json() == expected, (
        f"Granted delete:post to user, then called GET /admin/roles. Got {response.json()}, "
        f"expected {expected}"
    )


def test_admin_permissions_lists_every_permission_with_its_description(
    client: TestClient, world: World
) -> None:
    response = client.get("/admin/permissions", headers=world.headers("admin"))
    assert response.status_code == 200
    names = [item["name"] for item in response.json()]
    assert names == sorted(SEEDED["admin"]), f"Got {names}, expected every permission, by name"
    assert all(item["description"] for item in response.json())


def test_a_role_change_applies_to_the_next_request_with_the_same_token(
    client: TestClient, world: World
) -> None:
    url = f"/posts/{world.posts['other']}"
    assert client.delete(url, headers=world.headers("user")).status_code == 403
    changed = client.patch(
        f"/admin/users/{world.users['user']}",
        json={"role": "moderator"},
        headers=world.headers("admin"),
    )
    assert changed.status_code == 200 and changed.json()["role"] == "moderator", (
        f"Called PATCH /admin/users/<id> {{'role': 'moderator'}}. Got {changed.status_code} "
        f"{changed.text}"
    )
    response = client.delete(url, headers=world.headers("user"))
    assert response.status_code == 204, (
        f"Made the user a moderator, then called DELETE {url} with their old token. "
        f"Got {response.status_code}, expected 204: the role is read per request"
    )


def test_disabling_a_user_ends_their_access_at_the_next_request(
    client: TestClient, world: World
) -> None:
    user = world.users["other"]
    response = client.patch(
        f"/admin/users/{user}", json={"is_active": False}, headers=world.headers("admin")
    )
    assert response.status_code == 200 and response.json()["is_active"] is False
    got = client.get("/users/me", headers=world.headers("other")).status_code
    assert got == 401, f"Disabled a user, then called GET /users/me with their token. Got {got}"


@pytest.mark.parametrize(
    "changes", [{"role": "user"}, {"is_active": False}], ids=["own-role", "disable-self"]
)
def test_an_admin_cannot_demote_or_disable_themselves(
    client: TestClient, world: World, changes: dict[str, object]
) -> None:
    url = f"/admin/users/{world.users['admin']}"
    response = client.patch(url, json=changes, headers=world.headers("admin"))
    assert response.status_code == 409, (
        f"Called PATCH {url} {changes} as that admin. Got {response.status_code}, expected 409"
    )
    assert client.get("/admin/users", headers=world.headers("admin")).status_code == 200


def test_changing_an_unknown_user_is_404(client: TestClient, world: World) -> None:
    response = client.patch(
        "/admin/users/999999", json={"role": "admin"}, headers=world.headers("admin")
    )
    assert response.status_code == 404, f"Got {response.status_code}, expected 404"
