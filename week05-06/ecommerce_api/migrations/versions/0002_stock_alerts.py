"""Stock alerts: a table, and a trigger writing one row per crossing below the threshold.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 18:00:01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create stock_alerts and the trigger that fills it."""
    op.create_table(
        "stock_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("clock_timestamp()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["product_id"],
            ["products.id"],
            name=op.f("fk_stock_alerts_product_id_products"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_alerts")),
    )
    op.create_index(op.f("ix_stock_alerts_product_id"), "stock_alerts", ["product_id"])
    # A crossing: the product was not low before this UPDATE and is low after it. The rule
    # lives with the data, so every writer (an order, a restock, a raw UPDATE) obeys it,
    # and it runs in the writer's transaction: a rolled-back order leaves no alert behind.
    op.execute(
        """
        CREATE FUNCTION record_low_stock() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.stock >= OLD.low_stock_threshold
               AND NEW.stock < NEW.low_stock_threshold THEN
                INSERT INTO stock_alerts (product_id, stock, threshold)
                VALUES (NEW.id, NEW.stock, NEW.low_stock_threshold);
            END IF;
            RETURN NEW;
        END
        $$
        """
    )
    op.execute(
        """
        CREATE TRIGGER products_low_stock
        AFTER UPDATE OF stock, low_stock_threshold ON products
        FOR EACH ROW EXECUTE FUNCTION record_low_stock()
        """
    )


def downgrade() -> None:
    """Drop the trigger, its function and the table."""
    op.execute("DROP TRIGGER products_low_stock ON products")
    op.execute("DROP FUNCTION record_low_stock()")
    op.drop_table("stock_alerts")
