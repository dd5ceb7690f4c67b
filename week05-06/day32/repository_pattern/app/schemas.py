"""Request and response bodies: what clients may send and what they get back."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, StringConstraints, field_validator

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class UserCreate(BaseModel):
    """Body of POST /users."""

    email: EmailStr
    name: Name
    is_active: bool = True

    @field_validator("email")
    @classmethod
    def lowercase_email(cls, email: str) -> str:
        """Store emails in one case so Ada@X and ada@x are the same account."""
        return email.lower()


class UserRead(BaseModel):
    """A user as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    name: str
    is_active: bool
    created_at: datetime
