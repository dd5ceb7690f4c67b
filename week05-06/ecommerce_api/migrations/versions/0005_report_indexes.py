"""Report index: orders by creation time, carrying status and total (index-only scans).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 18:00:04
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Index orders.created_at for the sales report's date range (see benchmark/README.md)."""
    op.create_index(
        "ix_orders_created_at", "orders", ["created_at"], postgresql_include=["status", "total"]
    )


def downgrade() -> None:
    """Drop the index."""
    op.drop_index("ix_orders_created_at", table_name="orders")
