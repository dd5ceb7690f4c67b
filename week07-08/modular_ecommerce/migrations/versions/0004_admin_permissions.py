"""admin: the back office's permissions (admin owns no table).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# name -> (description, roles that hold it): the permissions this module brings.
PERMISSIONS = {
    "users:ban": ("Ban and unban accounts", ("admin",)),
    "roles:manage": ("Change users' roles and roles' permissions", ("admin",)),
    "reports:read": ("Read sales analytics", ("staff", "admin")),
    "monitoring:read": ("Read the process metrics", ("admin",)),
}


def add_permissions() -> None:
    """INSERT the permissions and grant each to its roles."""
    for name, (description, roles) in PERMISSIONS.items():
        op.execute(
            sa.text(
                "INSERT INTO permissions (name, description) VALUES (:name, :description)"
            ).bindparams(name=name, description=description)
        )
        op.execute(
            sa.text(
                "INSERT INTO role_permissions (role_id, permission_id) "
                "SELECT r.id, p.id FROM roles r, permissions p "
                "WHERE r.name = ANY(:roles) AND p.name = :name"
            ).bindparams(
                sa.bindparam("roles", type_=sa.ARRAY(sa.String)), name=name, roles=list(roles)
            )
        )


def remove_permissions() -> None:
    """DELETE the permissions (their grants go with them: ON DELETE CASCADE)."""
    op.execute(
        sa.text("DELETE FROM permissions WHERE name = ANY(:names)").bindparams(
            sa.bindparam("names", type_=sa.ARRAY(sa.String)), names=list(PERMISSIONS)
        )
    )


def upgrade() -> None:
    """Add the back office's permissions."""
    add_permissions()


def downgrade() -> None:
    """Remove them."""
    remove_permissions()
