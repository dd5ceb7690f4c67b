"""Day 32: a users API whose routes reach the database only through repositories."""
