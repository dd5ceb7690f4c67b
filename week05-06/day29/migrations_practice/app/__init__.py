"""Day 29: the models whose schema Alembic migrates."""
