"""Stock alerts: one row each time a product's stock falls below its threshold."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, func
from sqlalchemy.orm import Mapped, mapped_column

from app.database import Base


class StockAlert(Base):
    """A crossing below the low-stock threshold, written by the database trigger of
    migration 0002 whatever code changed the stock (see README, design decisions)."""

    __tablename__ = "stock_alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), index=True
    )
    stock: Mapped[int]
    threshold: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )
