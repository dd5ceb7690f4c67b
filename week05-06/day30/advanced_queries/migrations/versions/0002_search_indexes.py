"""Indexes for the list queries: trigram search, author, date range, tag lookups.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-06
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create pg_trgm, then the five indexes that the models declare."""
    # pg_trgm is a "trusted" extension: the database's owner may create it, no superuser.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_index(
        "ix_posts_title_trgm",
        "posts",
        ["title"],
        postgresql_using="gin",
        postgresql_ops={"title": "gin_trgm_ops"},
    )
    op.create_index(
        "ix_posts_content_trgm",
        "posts",
        ["content"],
        postgresql_using="gin",
        postgresql_ops={"content": "gin_trgm_ops"},
    )
    op.create_index("ix_posts_author_id", "posts", ["author_id"])
    op.create_index("ix_posts_created_at_id", "posts", ["created_at", "id"])
    op.create_index("ix_post_tags_tag_id", "post_tags", ["tag_id"])


def downgrade() -> None:
    """Drop the indexes, then pg_trgm (nothing else in this database uses it)."""
    op.drop_index("ix_post_tags_tag_id", table_name="post_tags")
    op.drop_index("ix_posts_created_at_id", table_name="posts")
    op.drop_index("ix_posts_author_id", table_name="posts")
    op.drop_index("ix_posts_content_trgm", table_name="posts")
    op.drop_index("ix_posts_title_trgm", table_name="posts")
    op.execute("DROP EXTENSION IF EXISTS pg_trgm")
