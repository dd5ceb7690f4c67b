"""lowercase emails

A data migration: the rows already stored are rewritten before the new CHECK
constraint can hold. Two emails that differ only in case (Ada@x.org, ada@x.org)
would collide on uq_users_email: the UPDATE then fails and, as PostgreSQL runs
the whole migration in one transaction, nothing changes. Someone decides which
account survives, and the migration is run again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 18:05:28.391295
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Lower-case the stored emails, then let PostgreSQL refuse any other."""
    # Data first: ADD CONSTRAINT checks every existing row and would fail on "Ada@x.org".
    op.execute("UPDATE users SET email = lower(email) WHERE email <> lower(email)")
    op.create_check_constraint(op.f("ck_users_email_lowercase"), "users", "email = lower(email)")


def downgrade() -> None:
    """Drop the constraint; the emails stay lower-case (their old case is not kept)."""
    op.drop_constraint(op.f("ck_users_email_lowercase"), "users", type_="check")
