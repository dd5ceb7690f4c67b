"""Read which PostgreSQL constraint an IntegrityError broke."""

from sqlalchemy.exc import IntegrityError


def constraint_name(error: IntegrityError) -> str | None:
    """Name of the violated constraint (or unique index) as asyncpg reports it, if any."""
    driver_error = getattr(error.orig, "driver_exception", None)
    name = getattr(driver_error, "constraint_name", None)
    return name if isinstance(name, str) else None
