"""Day 33: a users API in three layers: routes -> services -> repositories -> PostgreSQL."""
