"""Day 51: the database itself keeps permissions and grants consistent."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from app.models import Permission, Role, RolePermission

pytestmark = pytest.mark.day(51)


def permission(db: Session, name: str) -> Permission:
    found = db.scalar(select(Permission).where(Permission.name == name))
    assert found is not None, f"Looked for the seeded permission {name!r}. Got None"
    return found


def test_a_permission_has_an_id_a_name_and_a_description(db_session: Session) -> None:
    created = Permission(name="publish:post", description="Publish a draft")
    db_session.add(created)
    db_session.flush()
    row = db_session.execute(
        text("SELECT id, name, description FROM permissions WHERE name = 'publish:post'")
    ).one()
    assert (row.id, row.description) == (created.id, "Publish a draft"), (
        f"Added Permission(name='publish:post', ...). Got the row {tuple(row)}"
    )


def test_two_permissions_cannot_share_a_name(db_session: Session) -> None:
    with pytest.raises(IntegrityError), db_session.begin_nested():
        db_session.add(Permission(name="edit:post", description="a second edit:post"))
        db_session.flush()


def test_a_role_holds_a_permission_at_most_once(db_session: Session) -> None:
    edit = permission(db_session, "edit:post")
    with pytest.raises(IntegrityError), db_session.begin_nested():
        db_session.add(RolePermission(role=Role.MODERATOR, permission_id=edit.id))
        db_session.flush()


def test_deleting_a_permission_deletes_its_grants(db_session: Session) -> None:
    create = permission(db_session, "create:post")
    db_session.execute(text("DELETE FROM permissions WHERE id = :id"), {"id": create.id})
    left = db_session.execute(
        text("SELECT count(*) FROM role_permissions WHERE permission_id = :id"), {"id": create.id}
    ).scalar_one()
    assert left == 0, (
        f"Deleted create:post with SQL. Got {left} grants of it left, expected 0 "
        "(ON DELETE CASCADE on role_permissions.permission_id)"
    )


def test_a_grant_names_an_existing_permission_and_a_known_role(db_session: Session) -> None:
    with pytest.raises(IntegrityError), db_session.begin_nested():
        db_session.add(RolePermission(role=Role.USER, permission_id=999_999))
        db_session.flush()
    with pytest.raises(DBAPIError), db_session.begin_nested():
        db_session.execute(
            text(
                "INSERT INTO role_permissions (role, permission_id) "
                "SELECT 'superuser', id FROM permissions LIMIT 1"
            )
        )
