"""Database operations: plain functions taking a Session, raising app.errors on failure."""
