"""The generic repository: what every repository offers, and its SQLAlchemy implementation."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import Entity

ModelT = TypeVar("ModelT", bound=Entity)


class AbstractRepository(ABC, Generic[ModelT]):
    """A collection of ModelT that lives somewhere else (PostgreSQL, or memory in tests).

    Repositories never commit: whoever owns the transaction (here get_db, one per
    request) decides when the work becomes permanent.
    """

    @abstractmethod
    def add(self, entity: ModelT) -> ModelT:
        """Store a new entity; return it with its id set."""

    @abstractmethod
    def get(self, entity_id: int) -> ModelT | None:
        """The entity with this id, or None."""

    @abstractmethod
    def get_all(self, *, offset: int = 0, limit: int = 100) -> list[ModelT]:
        """One page of entities, in id order."""

    @abstractmethod
    def delete(self, entity: ModelT) -> None:
        """Remove a stored entity."""


class BaseRepository(AbstractRepository[ModelT]):
    """AbstractRepository on a SQLAlchemy Session; subclasses name their `model`."""

    model: type[ModelT]

    def __init__(self, session: Session) -> None:
        """Work in `session`; whoever made it owns the transaction."""
        self.session = session

    def add(self, entity: ModelT) -> ModelT:
        """INSERT now (flush), so the id is set and constraints are checked here."""
        self.session.add(entity)
        self.session.flush()
        return entity

    def get(self, entity_id: int) -> ModelT | None:
        """Look the id up (the session's identity map first, then PostgreSQL)."""
        return self.session.get(self.model, entity_id)

    def get_all(self, *, offset: int = 0, limit: int = 100) -> list[ModelT]:
        """SELECT one page in id order."""
        query = select(self.model).order_by(self.model.id).offset(offset).limit(limit)
        return list(self.session.scalars(query))

    def delete(self, entity: ModelT) -> None:
        """DELETE now (flush), so a later get() or get_all() no longer sees it."""
        self.session.delete(entity)
        self.session.flush()
