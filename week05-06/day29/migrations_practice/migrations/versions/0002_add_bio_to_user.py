"""add bio to User

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 18:05:20.315453
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add users.bio: VARCHAR(500), NULL allowed (existing users have none)."""
    op.add_column("users", sa.Column("bio", sa.String(length=500), nullable=True))


def downgrade() -> None:
    """Drop users.bio, and every bio with it."""
    op.drop_column("users", "bio")
