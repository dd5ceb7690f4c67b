"""Day 34: the users-and-posts API on async SQLAlchemy (asyncpg, AsyncSession)."""
