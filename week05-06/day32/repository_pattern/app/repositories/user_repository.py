"""Users: the generic operations plus the queries only users need."""

from __future__ import annotations

from abc import abstractmethod

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.database import violated_constraint
from app.errors import EmailTaken
from app.models import User
from app.repositories.base_repository import AbstractRepository, BaseRepository

EMAIL_CONSTRAINT = "uq_users_email"


class AbstractUserRepository(AbstractRepository[User]):
    """What the routes may ask of users; add() raises EmailTaken for a taken email."""

    @abstractmethod
    def get_by_email(self, email: str) -> User | None:
        """The user with this email, compared without regard to case, or None."""

    @abstractmethod
    def list_active(self, *, offset: int = 0, limit: int = 100) -> list[User]:
        """One page of the users whose is_active is true, in id order."""


class UserRepository(BaseRepository[User], AbstractUserRepository):
    """Users in PostgreSQL."""

    model = User

    def add(self, entity: User) -> User:
        """INSERT inside a SAVEPOINT: a taken email undoes only this INSERT, then EmailTaken.

        The unique constraint decides, not a SELECT first: two requests could both
        see the email free. The savepoint keeps the rest of the request's work.
        """
        try:
            with self.session.begin_nested():
                self.session.add(entity)
        except IntegrityError as error:
            if violated_constraint(error) == EMAIL_CONSTRAINT:
                raise EmailTaken(entity.email) from error
            raise
        return entity

    def get_by_email(self, email: str) -> User | None:
        """SELECT by lower(email)."""
        query = select(User).where(func.lower(User.email) == email.lower())
        return self.session.scalars(query).one_or_none()

    def list_active(self, *, offset: int = 0, limit: int = 100) -> list[User]:
        """SELECT the active users' page in id order."""
        query = select(User).where(User.is_active).order_by(User.id).offset(offset).limit(limit)
        return list(self.session.scalars(query))
