"""Day 45: password hashing. argon2id for new hashes, legacy bcrypt upgraded on login."""
