"""Day 24: users and their posts, one-to-many, loaded without N+1 queries."""
