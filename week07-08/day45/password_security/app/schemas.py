"""Request and response bodies. Passwords come in as SecretStr and never go out."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, SecretStr

from app.security import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

# One case for emails, so Ada@Example.com and ada@example.com are one account.
Email = Annotated[EmailStr, AfterValidator(str.lower)]
# SecretStr: a logged or printed model shows '**********', never the password.
NewPassword = Annotated[
    SecretStr, Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)
]
# At login only the upper bound: a short wrong password is a 401 like any wrong password.
GivenPassword = Annotated[SecretStr, Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)]


class UserCreate(BaseModel):
    """Body of POST /register."""

    email: Email
    password: NewPassword


class LoginRequest(BaseModel):
    """Body of POST /login."""

    email: Email
    password: GivenPassword


class UserRead(BaseModel):
    """A user as the API shows it: no password, no hash."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    created_at: datetime


class LoginResult(BaseModel):
    """Body of a successful POST /login (tokens come on day 46)."""

    message: str
    user: UserRead
