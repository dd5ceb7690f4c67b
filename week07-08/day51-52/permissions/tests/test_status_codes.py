"""Day 52: 401 means "log in" (with a WWW-Authenticate challenge), 403 means "not allowed"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.config import Settings
from app.security import create_access_token
from tests.helpers import World, bearer

pytestmark = pytest.mark.day(52)


@pytest.mark.hint("Authentication (get_current_user: 401) runs before the permission check (403).")
def test_401_for_every_authentication_problem_and_403_only_for_a_known_user(
    client: TestClient, settings: Settings, world: World
) -> None:
    url = f"/posts/{world.posts['other']}"
    expired = create_access_token(
        world.users["user"], settings=settings, now=datetime.now(UTC) - timedelta(hours=1)
    )
    for what, headers in (
        ("no Authorization header", {}),
        ("a token that is not a JWT", bearer("not-a-token")),
        ("an expired token", bearer(expired)),
        ("Basic credentials", {"Authorization": "Basic dXNlcjpwYXNz"}),
    ):
        response = client.delete(url, headers=headers)
        challenge = response.headers.get("WWW-Authenticate", "")
        assert response.status_code == 401 and challenge.startswith("Bearer"), (
            f"Called DELETE {url} with {what}. Got {response.status_code}, WWW-Authenticate "
            f"{challenge!r}, expected 401 with a Bearer challenge"
        )
    response = client.delete(url, headers=world.headers("user"))
    assert response.status_code == 403, (
        f"Called DELETE {url} as a user (no delete:post). Got {response.status_code}, expected 403"
    )
    assert response.json() == {"detail": "Missing permission: delete:post"}, (
        f"Got the 403 body {response.json()}, expected the missing permission named"
    )
    assert "WWW-Authenticate" not in response.headers, (
        "A 403 carried WWW-Authenticate: logging in again would not help, so it offers no login"
    )


def test_a_disabled_user_gets_401_even_with_the_permission_and_200_once_enabled(
    client: TestClient, db_session: Session, world: World
) -> None:
    admin = world.users["admin"]
    db_session.execute(text("UPDATE users SET is_active = false WHERE id = :id"), {"id": admin})
    response = client.get("/admin/users", headers=world.headers("admin"))
    assert response.status_code == 401, (
        f"Called GET /admin/users as a disabled admin. Got {response.status_code}, expected 401: "
        "a disabled account is not authenticated at all"
    )
    db_session.execute(text("UPDATE users SET is_active = true WHERE id = :id"), {"id": admin})
    response = client.get("/admin/users", headers=world.headers("admin"))
    assert response.status_code == 200, (
        f"Re-enabled the admin, same token. Got {response.status_code}, expected 200"
    )


def test_authorization_comes_before_validation_and_lookup(client: TestClient, world: World) -> None:
    # A caller without the right learns nothing: not whether the post exists, nor the schema.
    for what, path in (("a missing post", "/posts/999999"), ("a junk id", "/posts/abc")):
        anonymous = client.delete(path)
        refused = client.delete(path, headers=world.headers("user"))
        got = (anonymous.status_code, refused.status_code)
        assert got == (401, 403), (
            f"Called DELETE on {what} anonymously and as a user. Got {got}, expected (401, 403)"
        )
    allowed = client.delete("/posts/999999", headers=world.headers("moderator"))
    assert allowed.status_code == 404, (
        f"Called DELETE /posts/999999 as a moderator. Got {allowed.status_code}, expected 404"
    )
