"""Request and response bodies, nested where the API returns related rows."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints, field_validator

# PostgreSQL's INTEGER stops here; a larger id would be a database error, not a 404.
MAX_ID = 2**31 - 1

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Content = Annotated[str, StringConstraints(max_length=10_000)]
UserId = Annotated[int, Field(ge=1, le=MAX_ID)]


class UserCreate(BaseModel):
    """Body of POST /users."""

    email: EmailStr
    name: Name

    @field_validator("email")
    @classmethod
    def lowercase_email(cls, email: str) -> str:
        """Store emails in one case so Ada@X and ada@x are the same account."""
        return email.lower()


class PostCreate(BaseModel):
    """Body of POST /posts: title (Title), content (Content, default ""), user_id (UserId)."""

    title: Title
    content: Content = ""
    user_id: UserId


class UserRead(BaseModel):
    """A user without their posts."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    created_at: datetime


class PostRead(BaseModel):
    """A post without its owner: id, title, content, user_id, created_at."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    content: str
    user_id: int
    created_at: datetime


class UserWithPosts(UserRead):
    """A user and every post they wrote, oldest first, in `posts`."""

    posts: list[PostRead]


class PostWithOwner(PostRead):
    """A post and the user who wrote it, in `owner`."""

    owner: UserRead
