"""Day 23: a users CRUD API on PostgreSQL, with one session per request."""
