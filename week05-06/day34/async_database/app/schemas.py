"""Request bodies and the read models the service returns (plain values, no session)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class UserCreate(BaseModel):
    """Body of POST /users."""

    email: EmailStr
    name: Name


class PostCreate(BaseModel):
    """Body of POST /users/{id}/posts."""

    title: Title
    content: str = ""


class UserRead(BaseModel):
    """A user as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    created_at: datetime


class PostRead(BaseModel):
    """A post as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    user_id: int
    title: str
    content: str
    created_at: datetime


class UserWithPosts(UserRead):
    """A user and their posts, oldest first."""

    posts: list[PostRead]
