"""Read which PostgreSQL constraint an IntegrityError broke."""

from sqlalchemy.exc import IntegrityError


def constraint_name(error: IntegrityError) -> str | None:
    """Name of the violated constraint as psycopg2 reports it, if any."""
    diag = getattr(error.orig, "diag", None)
    name = getattr(diag, "constraint_name", None)
    return name if isinstance(name, str) else None
