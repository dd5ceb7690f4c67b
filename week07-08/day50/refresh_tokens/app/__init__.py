"""Day 50: refresh tokens, stored hashed, rotated, single use, revoked by family."""
