"""Small helpers with no module of their own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

# PostgreSQL's INTEGER stops here: ids and quantities above it are refused at the edge.
MAX_ID = 2**31 - 1


@contextmanager
def atomic(session: Session) -> Iterator[None]:
    """Commit the block's work once when it ends, or roll all of it back if it raises.

    A use case that spans modules (placing an order reserves stock in products) runs
    inside one `atomic` block, so a refusal halfway leaves nothing behind.
    """
    try:
        yield
    except BaseException:
        session.rollback()
        raise
    session.commit()
