"""Use cases: each takes a unit of work, enforces the shop's rules, and commits once."""
