"""Permissions and role_permissions: which role may do what, as data.

Revision ID: 0002
Revises: 0001
Create Date: 2026-03-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The type made by 0001: used here, not created again.
ROLE = postgresql.ENUM("admin", "moderator", "user", name="role", create_type=False)


def upgrade() -> None:
    """permissions (unique names), then the association role -> permission."""
    op.create_table(
        "permissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_permissions"),
        sa.UniqueConstraint("name", name="uq_permissions_name"),
    )
    op.create_table(
        "role_permissions",
        sa.Column("role", ROLE, nullable=False),
        sa.Column("permission_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["permission_id"],
            ["permissions.id"],
            name="fk_role_permissions_permission_id_permissions",
            ondelete="CASCADE",
        ),
        # The pair is the key: a role holds a permission at most once.
        sa.PrimaryKeyConstraint("role", "permission_id", name="pk_role_permissions"),
    )
    # The key serves "what may this role do"; this index serves the cascade from permissions.
    op.create_index("ix_role_permissions_permission_id", "role_permissions", ["permission_id"])


def downgrade() -> None:
    """Drop the grants, then the permissions; users, posts and the role type stay."""
    op.drop_index("ix_role_permissions_permission_id", table_name="role_permissions")
    op.drop_table("role_permissions")
    op.drop_table("permissions")
