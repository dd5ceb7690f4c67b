"""Turn the database's refusals (unique keys, foreign keys) into domain errors."""

from collections.abc import Mapping

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from app.errors import Conflict


def constraint_name(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL reported (asyncpg carries it on the cause)."""
    cause = getattr(error.orig, "__cause__", None)
    return getattr(cause, "constraint_name", None) or getattr(error.orig, "constraint_name", None)


async def flush_or_conflict(session: AsyncSession, messages: Mapping[str, str]) -> None:
    """Flush; a violation of a constraint named in `messages` becomes Conflict(message).

    Uniqueness is checked by the database, not by a SELECT first: two requests racing
    for the same email both pass a SELECT, only one passes the unique index.
    """
    try:
        await session.flush()
    except IntegrityError as error:
        name = constraint_name(error)
        if name is not None and name in messages:
            raise Conflict(messages[name]) from None
        raise
