"""User bodies: sign-up in, the user out (never the token hash), the token once."""

from datetime import datetime

from pydantic import EmailStr, Field

from app.models import UserRole
from app.schemas.common import Name, ReadModel, RequestBody


class UserBase(RequestBody):
    """What a user tells about themselves."""

    email: EmailStr = Field(max_length=254, examples=["ada@example.com"])
    name: Name = Field(examples=["Ada Lovelace"])


class UserCreate(UserBase):
    """Sign-up: a customer account."""


class UserRead(ReadModel):
    """A user as the API shows them."""

    id: int
    email: str
    name: str
    role: UserRole
    created_at: datetime


class SignUpRead(ReadModel):
    """A new account and its API token: shown this once, store it."""

    user: UserRead
    token: str = Field(description="Send as `Authorization: Bearer <token>`.")
