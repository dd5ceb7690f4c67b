"""The unit of work: one use case's repositories and its transaction, in one object.

    with uow:
        ...            # read and change through uow.users
        uow.commit()   # the use case's one commit

Leaving the block without commit() rolls back: a refused use case, an exception or
a forgotten commit leaves the database as it was. Nothing else in the app commits.
"""

from __future__ import annotations

import abc
from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session

from app.repositories.user_repository import AbstractUserRepository, SqlAlchemyUserRepository


class AbstractUnitOfWork(abc.ABC):
    """The service layer's view of a transaction; tests use a fake one."""

    users: AbstractUserRepository

    def __enter__(self) -> Self:
        """Start the use case."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Roll back whatever was not committed (after a commit there is nothing left)."""
        self.rollback()

    @abc.abstractmethod
    def commit(self) -> None:
        """Make the use case's changes permanent."""
        raise NotImplementedError

    @abc.abstractmethod
    def rollback(self) -> None:
        """Discard every change not yet committed."""
        raise NotImplementedError


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    """A unit of work on a SQLAlchemy session (the request's, opened and closed by get_db)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def __enter__(self) -> Self:
        """Give the use case repositories on this session."""
        self.users = SqlAlchemyUserRepository(self.session)
        return super().__enter__()

    def commit(self) -> None:
        """COMMIT the session's transaction."""
        self.session.commit()

    def rollback(self) -> None:
        """ROLLBACK the session's transaction (a no-op when nothing is pending)."""
        self.session.rollback()
