"""Roles: stored in PostgreSQL, "user" by default, read on every request, changed by admins only."""

from __future__ import annotations

import logging

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app import service
from app.config import Settings
from app.dependencies import require_role
from app.models import Post, Role, User
from app.service import LastAdmin, NotFound, promote_to_admin
from tests.helpers import PASSWORD, add_user, bearer, forged, stored_role, token_for

pytestmark = pytest.mark.day(49)


def change_role(client: TestClient, token: str, user_id: int, role: str) -> tuple[int, object]:
    """PATCH /admin/users/{user_id}/role; (status, body)."""
    response = client.patch(
        f"/admin/users/{user_id}/role", json={"role": role}, headers=bearer(token)
    )
    return response.status_code, response.json()


@pytest.mark.hint(
    'role: Mapped[Role] = mapped_column(ROLE_TYPE, default=Role.USER, server_default="user")'
)
def test_registration_gives_the_role_user_and_a_login_shows_it(
    client: TestClient, db_session: Session
) -> None:
    created = client.post("/register", json={"email": "ada@example.com", "password": PASSWORD})
    assert created.status_code == 201 and created.json()["role"] == "user", (
        f"Called POST /register. Got {created.status_code} {created.text}, expected 201 with "
        '"role": "user"'
    )
    assert stored_role(db_session, created.json()["id"]) == "user"
    form = {"grant_type": "password", "username": "ada@example.com", "password": PASSWORD}
    token = client.post("/token", data=form).json()["access_token"]
    me = client.get("/users/me", headers=bearer(token)).json()
    assert me["role"] == "user", f"Called GET /users/me. Got {me}, expected role 'user'"


@pytest.mark.parametrize(
    "extra", [{"role": "admin"}, {"role": "moderator"}, {"is_admin": True}, {"roles": ["admin"]}]
)
def test_registration_refuses_a_role_in_the_body(
    client: TestClient, db_session: Session, extra: dict[str, object]
) -> None:
    body = {"email": "eve@example.com", "password": PASSWORD, **extra}
    response = client.post("/register", json=body)
    assert response.status_code == 422, (
        f"Called POST /register with {extra}. Got {response.status_code} {response.text}, "
        "expected 422: nobody chooses their own role"
    )
    count = db_session.execute(text("SELECT count(*) FROM users")).scalar_one()
    assert count == 0, "A refused registration stored a user"
    ok = client.post("/register", json={"email": "eve@example.com", "password": PASSWORD})
    assert ok.status_code == 201 and ok.json()["role"] == "user"


def test_postgresql_defaults_the_role_to_user_and_refuses_unknown_roles(
    db_session: Session,
) -> None:
    db_session.execute(text("INSERT INTO users (email, hashed_password) VALUES ('raw@x.org', 'h')"))
    role = db_session.execute(text("SELECT role::text FROM users WHERE email = 'raw@x.org'"))
    assert role.scalar_one() == "user", "Inserted a user with raw SQL. Expected role 'user'"
    for bad in ("superuser", "ADMIN", ""):
        with pytest.raises(DBAPIError), db_session.begin_nested():
            db_session.execute(
                text(
                    "INSERT INTO users (email, hashed_password, role) VALUES ('b@x.org', 'h', :r)"
                ),
                {"r": bad},
            )
    values = db_session.execute(text("SELECT enum_range(NULL::user_role)::text")).scalar_one()
    assert values == "{admin,moderator,user}", (
        f"Read the PostgreSQL enum user_role. Got {values}, expected {{admin,moderator,user}}"
    )


def test_require_role_lets_only_the_given_roles_through_and_refuses_typos() -> None:
    checker = require_role(Role.MODERATOR, Role.ADMIN)
    for role in (Role.MODERATOR, Role.ADMIN):
        user = User(email=f"{role}@x.org", role=role)
        assert checker(user) is user, f"Called require_role(MODERATOR, ADMIN) for a {role}"
    with pytest.raises(HTTPException) as refused:
        checker(User(email="u@x.org", role=Role.USER))
    assert refused.value.status_code == 403 and refused.value.detail == "Insufficient permissions"
    for bad in ((), ("admn",), ("superuser",)):
        with pytest.raises(ValueError):
            require_role(*bad)


@pytest.mark.hint("Read the role from the database on each request, never from the token.")
def test_a_role_change_takes_effect_on_the_next_request_with_the_same_token(
    client: TestClient, db_session: Session, settings: Settings, password_hash: str
) -> None:
    admin = add_user(db_session, "admin@example.com", Role.ADMIN, password_hash)
    bob = add_user(db_session, "bob@example.com", Role.USER, password_hash)
    db_session.add(post := Post(author_id=admin.id, title="t", body="b"))
    db_session.commit()
    bobs_token, admin_token = token_for(settings, bob.id), token_for(settings, admin.id)

    assert client.get("/admin/users", headers=bearer(bobs_token)).status_code == 403
    assert change_role(client, admin_token, bob.id, "admin")[0] == 200
    listed = client.get("/admin/users", headers=bearer(bobs_token))
    assert listed.status_code == 200, (
        f"Promoted Bob to admin, then called GET /admin/users with his old token. "
        f"Got {listed.status_code}, expected 200 (the role is read per request)"
    )
    # Another process (an operator, a second server) demotes Bob: the next request knows.
    db_session.execute(text("UPDATE users SET role = 'moderator' WHERE id = :id"), {"id": bob.id})
    listed = client.get("/admin/users", headers=bearer(bobs_token))
    assert listed.status_code == 403, (
        f"Made Bob a moderator with raw SQL, then GET /admin/users with his token. "
        f"Got {listed.status_code}, expected 403 (the role stored now, not the one seen before)"
    )
    deleted = client.delete(f"/posts/{post.id}", headers=bearer(bobs_token))
    assert deleted.status_code == 204, (
        f"Made Bob a moderator with raw SQL, then DELETE /posts/{post.id}. "
        f"Got {deleted.status_code}, expected 204"
    )


def test_a_role_claim_in_a_validly_signed_token_is_ignored(
    client: TestClient, db_session: Session, settings: Settings, password_hash: str
) -> None:
    bob = add_user(db_session, "bob@example.com", Role.USER, password_hash)
    key = settings.jwt_secret_key.get_secret_value()
    for claims in ({"role": "admin"}, {"roles": ["admin"]}, {"is_admin": True}, {"scope": "admin"}):
        token = forged(settings, bob.id, key, **claims)
        response = client.get("/admin/users", headers=bearer(token))
        assert response.status_code == 403, (
            f"Called GET /admin/users with a user's token carrying {claims}. "
            f"Got {response.status_code}, expected 403: roles come from the database only"
        )


@pytest.mark.parametrize("role", [Role.USER, Role.MODERATOR])
def test_a_user_or_moderator_cannot_promote_themselves(
    client: TestClient, db_session: Session, settings: Settings, password_hash: str, role: Role
) -> None:
    add_user(db_session, "admin@example.com", Role.ADMIN, password_hash)
    me = add_user(db_session, "me@example.com", role, password_hash)
    token = token_for(settings, me.id)
    for target in ("admin", "moderator"):
        status, body = change_role(client, token, me.id, target)
        assert status == 403, (
            f"Called PATCH /admin/users/{me.id}/role {{'role': '{target}'}} as a {role} on "
            f"themselves. Got {status} {body}, expected 403"
        )
    assert stored_role(db_session, me.id) == role.value


def test_the_last_admin_cannot_be_demoted_but_one_of_two_can(
    client: TestClient, db_session: Session, settings: Settings, password_hash: str
) -> None:
    ada = add_user(db_session, "ada@example.com", Role.ADMIN, password_hash)
    token = token_for(settings, ada.id)
    for role in ("moderator", "user"):
        status, body = change_role(client, token, ada.id, role)
        assert (status, body) == (409, {"detail": "The last admin cannot be demoted"}), (
            f"Called PATCH /admin/users/{ada.id}/role {{'role': '{role}'}} as the only admin. "
            f"Got {status} {body}, expected 409 The last admin cannot be demoted"
        )
    assert stored_role(db_session, ada.id) == "admin"
    assert change_role(client, token, ada.id, "admin")[0] == 200, "admin -> admin is a no-op"

    grace = add_user(db_session, "grace@example.com", Role.ADMIN, password_hash)
    status, body = change_role(client, token, grace.id, "user")
    assert status == 200 and isinstance(body, dict) and body["role"] == "user", (
        f"Demoted one of two admins. Got {status} {body}, expected 200 with role 'user'"
    )
    status, _ = change_role(client, token, ada.id, "user")
    assert status == 409, f"Then demoted the last admin herself. Got {status}, expected 409"


def test_an_admin_may_step_down_while_another_admin_remains(
    client: TestClient, db_session: Session, settings: Settings, password_hash: str
) -> None:
    ada = add_user(db_session, "ada@example.com", Role.ADMIN, password_hash)
    add_user(db_session, "grace@example.com", Role.ADMIN, password_hash)
    token = token_for(settings, ada.id)
    status, body = change_role(client, token, ada.id, "moderator")
    assert status == 200, f"An admin stepped down with another admin left. Got {status} {body}"
    assert client.get("/admin/users", headers=bearer(token)).status_code == 403


@pytest.mark.parametrize(
    ("target", "body", "expected"),
    [
        ("999999", {"role": "user"}, 404),
        ("99999999999", {"role": "user"}, 422),
        ("0", {"role": "user"}, 422),
        ("abc", {"role": "user"}, 422),
        ("{other}", {"role": "superuser"}, 422),
        ("{other}", {"role": "ADMIN"}, 422),
        ("{other}", {}, 422),
        ("{other}", {"role": "user", "email": "x@y.org"}, 422),
    ],
)
def test_a_bad_role_change_is_a_404_or_422_never_a_500(
    client: TestClient,
    db_session: Session,
    settings: Settings,
    password_hash: str,
    target: str,
    body: dict[str, str],
    expected: int,
) -> None:
    admin = add_user(db_session, "admin@example.com", Role.ADMIN, password_hash)
    other = add_user(db_session, "other@example.com", Role.MODERATOR, password_hash)
    path = f"/admin/users/{target.format(other=other.id)}/role"
    response = client.patch(path, json=body, headers=bearer(token_for(settings, admin.id)))
    assert response.status_code == expected, (
        f"Called PATCH {path} with {body} as an admin. Got {response.status_code} "
        f"{response.text[:200]}, expected {expected}"
    )
    assert stored_role(db_session, other.id) == "moderator"
    if expected == 404:
        assert response.json() == {"detail": f"User {target} not found"}, (
            f"Called PATCH {path} for a missing user. Got {response.json()}"
        )


def test_role_changes_and_deletions_are_logged_with_who_made_them(
    client: TestClient,
    db_session: Session,
    settings: Settings,
    password_hash: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="app")
    admin = add_user(db_session, "admin@example.com", Role.ADMIN, password_hash)
    bob = add_user(db_session, "bob@example.com", Role.USER, password_hash)
    db_session.add(post := Post(author_id=bob.id, title="t", body="b"))
    db_session.commit()
    token = token_for(settings, admin.id)
    assert change_role(client, token, bob.id, "moderator")[0] == 200
    assert client.delete(f"/posts/{post.id}", headers=bearer(token)).status_code == 204
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("app")]
    changed = f"user {admin.id} changed the role of user {bob.id} from user to moderator"
    assert changed in lines, f"Changed Bob's role. Got the log lines {lines}, expected {changed!r}"
    assert any(f"user {admin.id} deleted post {post.id}" in line for line in lines), (
        f"Deleted a post. Got the log lines {lines}, expected one naming who deleted it"
    )


def test_a_moderator_deletes_any_post_and_a_missing_one_is_404_for_them_403_for_users(
    client: TestClient, db_session: Session, settings: Settings, password_hash: str
) -> None:
    mod = add_user(db_session, "mod@example.com", Role.MODERATOR, password_hash)
    bob = add_user(db_session, "bob@example.com", Role.USER, password_hash)
    db_session.add(post := Post(author_id=bob.id, title="t", body="b"))
    db_session.commit()
    own = client.delete(f"/posts/{post.id}", headers=bearer(token_for(settings, bob.id)))
    assert own.status_code == 403, f"Bob deleted his own post. Got {own.status_code}, expected 403"
    gone = client.delete(f"/posts/{post.id}", headers=bearer(token_for(settings, mod.id)))
    assert gone.status_code == 204 and db_session.get(Post, post.id) is None
    again = client.delete(f"/posts/{post.id}", headers=bearer(token_for(settings, mod.id)))
    assert again.status_code == 404, f"Deleted a deleted post. Got {again.status_code}"
    assert again.json() == {"detail": f"Post {post.id} not found"}, (
        f"Called DELETE /posts/{post.id} (deleted) as a moderator. Got {again.json()}"
    )
    hidden = client.delete("/posts/999999", headers=bearer(token_for(settings, bob.id)))
    assert hidden.status_code == 403, (
        f"Called DELETE /posts/999999 as a user. Got {hidden.status_code}, expected 403: the "
        "role is checked before the post is looked up, so users learn nothing"
    )


def test_make_admin_promotes_a_registered_user(db_session: Session, password_hash: str) -> None:
    bob = add_user(db_session, "bob@example.com", Role.USER, password_hash)
    promote_to_admin(db_session, "BOB@example.com")
    assert stored_role(db_session, bob.id) == "admin"
    with pytest.raises(NotFound):
        promote_to_admin(db_session, "nobody@example.com")


def test_change_role_reads_the_role_stored_now_not_a_stale_copy(
    db_session: Session, password_hash: str
) -> None:
    ada = add_user(db_session, "ada@example.com", Role.ADMIN, password_hash)
    bob = add_user(db_session, "bob@example.com", Role.USER, password_hash)
    assert bob.role is Role.USER  # the session now holds Bob as a user
    # Behind the session's back: Bob becomes the only admin.
    db_session.execute(text("UPDATE users SET role = 'admin' WHERE id = :id"), {"id": bob.id})
    db_session.execute(text("UPDATE users SET role = 'user' WHERE id = :id"), {"id": ada.id})
    with pytest.raises(LastAdmin):  # a stale copy says user: the rule would let it through
        service.change_role(db_session, bob.id, Role.USER, changed_by=ada.id)
