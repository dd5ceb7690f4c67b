"""Day 49: role-based access control. Roles in the database, checked on every request."""
