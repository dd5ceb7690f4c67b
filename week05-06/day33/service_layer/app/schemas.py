"""The shapes of data crossing the layers: request bodies in, read models out.

Services return these read models, built while the unit of work is open, so nothing
above the service layer can touch a session (no lazy load after the transaction ended).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, StringConstraints

FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class UserCreate(BaseModel):
    """Body of POST /users. The age is any integer here: its rule lives in the service."""

    email: EmailStr
    full_name: FullName
    age: int


class UserRead(BaseModel):
    """A user as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    username: str
    full_name: str
    age: int
    is_active: bool
    created_at: datetime


class PostRead(BaseModel):
    """A post inside its author's profile."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    content: str


class UserWithPosts(UserRead):
    """A user and their posts, oldest first."""

    posts: list[PostRead]
