"""Blog API: users, posts and comments on PostgreSQL, built with FastAPI and SQLAlchemy 2."""
