"""The accounts and the ledger of transfers between them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Numeric, String, func
from sqlalchemy.orm import Mapped, mapped_column

from bank.database import Base

# NUMERIC(12, 2): exact cents up to 9,999,999,999.99. Never FLOAT for money: 0.1 + 0.2 != 0.3.
Money = Numeric(12, 2)


class Account(Base):
    """An account: one per email, and PostgreSQL itself refuses a negative balance."""

    __tablename__ = "accounts"
    # The last line of defence: even a buggy transfer cannot commit an overdraft.
    __table_args__ = (CheckConstraint("balance >= 0", name="balance_non_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    balance: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))


class Transfer(Base):
    """One committed transfer: written in the same transaction as the two balance changes."""

    __tablename__ = "transfers"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    target_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    amount: Mapped[Decimal] = mapped_column(Money)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
