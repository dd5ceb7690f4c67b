"""Seed the permissions and what each role starts with (a data migration).

The data is written out here, not imported from app/: a migration is frozen in time,
and must insert the same rows in a year, whatever the code says then.

Revision ID: 0003
Revises: 0002
Create Date: 2026-03-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PERMISSIONS = {
    "create:post": "Write new posts",
    "edit:own_post": "Edit the posts one wrote",
    "edit:post": "Edit any post",
    "delete:post": "Delete any post",
    "manage:users": "List users, change their role, disable them",
    "manage:permissions": "Grant and revoke the permissions of a role",
}
GRANTS = {
    "user": ["create:post", "edit:own_post"],
    "moderator": ["create:post", "edit:own_post", "edit:post", "delete:post"],
    "admin": list(PERMISSIONS),
}

# Lightweight tables: just the columns this migration touches, as they were at 0002.
permissions = sa.table(
    "permissions", sa.column("id", sa.Integer), sa.column("name"), sa.column("description")
)
role_permissions = sa.table(
    "role_permissions",
    sa.column("role", postgresql.ENUM(name="role", create_type=False)),
    sa.column("permission_id", sa.Integer),
)


def upgrade() -> None:
    """Insert the permissions, then each role's grants by permission name."""
    op.bulk_insert(
        permissions,
        [{"name": name, "description": text} for name, text in PERMISSIONS.items()],
    )
    connection = op.get_bind()
    ids = dict(connection.execute(sa.select(permissions.c.name, permissions.c.id)).all())
    op.bulk_insert(
        role_permissions,
        [
            {"role": role, "permission_id": ids[name]}
            for role, names in GRANTS.items()
            for name in names
        ],
    )


def downgrade() -> None:
    """Delete the seeded permissions; their grants (seeded or not) go with them (CASCADE)."""
    op.execute(permissions.delete().where(permissions.c.name.in_(list(PERMISSIONS))))
