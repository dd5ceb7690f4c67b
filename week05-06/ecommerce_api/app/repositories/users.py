"""Users: add, get by id, get by token hash, list."""

import abc

from sqlalchemy import select

from app.models import User
from app.repositories.base import SqlAlchemyRepository
from app.repositories.integrity import flush_or_conflict
from app.repositories.pagination import Page, PageRequest, SortKey, fetch_page, parse_int


class AbstractUserRepository(abc.ABC):
    """The users a use case can see."""

    @abc.abstractmethod
    async def add(self, user: User) -> None:
        """Store a new user (its id is set afterwards); Conflict if the email is taken."""
        raise NotImplementedError

    @abc.abstractmethod
    async def get(self, user_id: int) -> User | None:
        """The user with this id, or None."""
        raise NotImplementedError

    @abc.abstractmethod
    async def get_by_token_hash(self, token_hash: str) -> User | None:
        """The user whose API token hashes to `token_hash`, or None."""
        raise NotImplementedError

    @abc.abstractmethod
    async def list(self, page: PageRequest) -> Page[User]:
        """Users in id order."""
        raise NotImplementedError


BY_ID = SortKey("id", User.id, User.id, descending=False, parse=parse_int)


class SqlAlchemyUserRepository(SqlAlchemyRepository, AbstractUserRepository):
    """Users in PostgreSQL."""

    async def add(self, user: User) -> None:
        """INSERT now (flush), so a taken email is a Conflict inside the use case."""
        self.session.add(user)
        await flush_or_conflict(
            self.session, {"uq_users_email": f"Email {user.email} is already registered"}
        )

    async def get(self, user_id: int) -> User | None:
        """SELECT by primary key."""
        return await self.session.get(User, user_id)

    async def get_by_token_hash(self, token_hash: str) -> User | None:
        """SELECT through the unique index on token_hash."""
        found = await self.session.execute(select(User).where(User.token_hash == token_hash))
        return found.scalar_one_or_none()

    async def list(self, page: PageRequest) -> Page[User]:
        """A page of users by id."""
        return await fetch_page(self.session, select(User), BY_ID, page)
