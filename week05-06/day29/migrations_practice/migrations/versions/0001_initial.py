"""initial

The users table, and the PostgreSQL ENUM type user_role that its role column needs.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 18:05:01.638347
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create users; its role column creates the ENUM type user_role with it."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column(
            "role",
            sa.Enum("reader", "author", "admin", name="user_role"),
            server_default="reader",
            nullable=False,
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("char_length(username) >= 3", name=op.f("ck_users_username_min_length")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )


def downgrade() -> None:
    """Drop users, then the ENUM type user_role, which drop_table leaves behind."""
    op.drop_table("users")
    # Added by hand: create_table made the ENUM type, but drop_table leaves it behind
    # (SQLAlchemy 2.1), and the next upgrade would fail on "type user_role already exists".
    op.execute("DROP TYPE user_role")
