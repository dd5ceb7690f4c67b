"""Repositories: the only code that talks to the database."""

from app.repositories.base_repository import AbstractRepository, BaseRepository
from app.repositories.in_memory import InMemoryUserRepository
from app.repositories.user_repository import AbstractUserRepository, UserRepository

__all__ = [
    "AbstractRepository",
    "AbstractUserRepository",
    "BaseRepository",
    "InMemoryUserRepository",
    "UserRepository",
]
