"""Request and response bodies: what clients may send and what they get back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, StringConstraints, field_validator

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class UserBase(BaseModel):
    """Fields a client sets."""

    email: EmailStr
    name: Name

    @field_validator("email")
    @classmethod
    def lowercase_email(cls, email: str) -> str:
        """Store emails in one case so Ada@X and ada@x are the same account."""
        return email.lower()


class UserCreate(UserBase):
    """Body of POST /users."""


class UserUpdate(UserBase):
    """Body of PUT /users/{id}: PUT replaces the user, so every field is required."""


class UserRead(BaseModel):
    """A user as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    created_at: datetime
