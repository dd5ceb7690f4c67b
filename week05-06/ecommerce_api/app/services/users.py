"""Sign-up and authentication with opaque API tokens (week 7-8 replaces them with JWT)."""

import hashlib
import secrets
from dataclasses import dataclass

from app.errors import NotAuthenticated
from app.models import User, UserRole
from app.repositories.pagination import Page, PageRequest
from app.unit_of_work import AbstractUnitOfWork


@dataclass(frozen=True)
class SignedUp:
    """A new user and their API token, shown this once (only its hash is stored)."""

    user: User
    token: str


def new_token() -> str:
    """A random API token: 32 bytes, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The token's SHA-256 in hex: what the database stores and looks up.

    A fast hash is right here, unlike for passwords: the token is 256 random bits, so
    there is nothing to guess, and every request can afford one SHA-256.
    """
    return hashlib.sha256(token.encode()).hexdigest()


async def sign_up(
    uow: AbstractUnitOfWork, *, email: str, name: str, role: UserRole = UserRole.CUSTOMER
) -> SignedUp:
    """Create a user with a fresh token; Conflict if the email is taken."""
    token = new_token()
    async with uow:
        user = User(email=email.lower(), name=name, role=role, token_hash=hash_token(token))
        await uow.users.add(user)
        await uow.commit()
    return SignedUp(user=user, token=token)


async def list_users(uow: AbstractUnitOfWork, page: PageRequest) -> Page[User]:
    """A page of users by id (admins only: the router checks)."""
    async with uow:
        return await uow.users.list(page)


async def authenticate(uow: AbstractUnitOfWork, token: str | None) -> User:
    """The user holding this token; NotAuthenticated for a missing or unknown one."""
    if not token:
        raise NotAuthenticated("Send your API token: Authorization: Bearer <token>")
    async with uow:
        user = await uow.users.get_by_token_hash(hash_token(token))
    if user is None:
        raise NotAuthenticated("The API token is not valid")
    return user
