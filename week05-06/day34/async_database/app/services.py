"""The use cases, async: each opens the unit of work and commits at most once.

They return read models built inside the block, while the session is open: after the
block (a rollback expires every object) nothing may touch an ORM attribute again.
"""

from __future__ import annotations

from app.errors import UserNotFound
from app.models import Post, User
from app.schemas import PostRead, UserRead, UserWithPosts
from app.unit_of_work import UnitOfWork


class UserService:
    """Users and their posts."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    async def create_user(self, *, email: str, name: str) -> UserRead:
        """Register a user (email in lower case); EmailTaken if registered."""
        async with self.uow:
            user = User(email=email.lower(), name=name)
            await self.uow.users.add(user)
            await self.uow.commit()
            return UserRead.model_validate(user)

    async def list_users(self, *, skip: int, limit: int) -> list[UserWithPosts]:
        """A page of users with their posts."""
        async with self.uow:
            users = await self.uow.users.get_all(skip=skip, limit=limit)
            return [UserWithPosts.model_validate(user) for user in users]

    async def get_user(self, user_id: int) -> UserWithPosts:
        """One user with their posts; UserNotFound."""
        async with self.uow:
            user = await self.uow.users.get_with_posts(user_id)
            if user is None:
                raise UserNotFound(user_id)
            return UserWithPosts.model_validate(user)

    async def add_post(self, user_id: int, *, title: str, content: str) -> PostRead:
        """A new post by this user; UserNotFound."""
        async with self.uow:
            if await self.uow.users.get(user_id) is None:
                raise UserNotFound(user_id)
            post = Post(user_id=user_id, title=title, content=content)
            await self.uow.posts.add(post)
            await self.uow.commit()
            return PostRead.model_validate(post)
