"""Data-access layer: repositories turn "find/add a user" into SQL and back into objects."""
