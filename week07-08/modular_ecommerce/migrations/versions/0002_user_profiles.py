"""users: one optional profile per account; the users:read permission.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# name -> (description, roles that hold it): the permissions this module brings.
PERMISSIONS = {
    "users:read": ("Search users and read their accounts", ("staff", "admin")),
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
    """Create user_profiles; add users:read."""
    op.create_table(
        "user_profiles",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=True),
        sa.Column("bio", sa.String(length=500), nullable=True),
        sa.Column("avatar_url", sa.String(length=2048), nullable=True),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_user_profiles_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_profiles")),
    )
    add_permissions()


def downgrade() -> None:
    """Drop user_profiles and users:read."""
    remove_permissions()
    op.drop_table("user_profiles")
