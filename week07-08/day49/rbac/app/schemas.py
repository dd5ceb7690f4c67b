"""Request and response bodies. No request body can carry a role except an admin's role change."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, SecretStr

from app.models import TITLE_MAX_LENGTH, Role
from app.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

# One case for emails, so Ada@Example.com and ada@example.com are one account.
Email = Annotated[EmailStr, AfterValidator(str.lower)]
NewPassword = Annotated[
    SecretStr, Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)
]


class UserCreate(BaseModel):
    """Body of POST /register. extra="forbid": {"role": "admin"} is a 422, not ignored."""

    model_config = ConfigDict(extra="forbid")

    email: Email
    password: NewPassword


class UserRead(BaseModel):
    """A user as the API shows it: no password, no hash; the role."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    role: Role
    created_at: datetime


class RoleChange(BaseModel):
    """Body of PATCH /admin/users/{user_id}/role."""

    model_config = ConfigDict(extra="forbid")

    role: Role


class TokenResponse(BaseModel):
    """A successful token response, RFC 6749 section 5.1."""

    access_token: str
    token_type: Literal["bearer"]
    expires_in: int = Field(description="Seconds until the access token expires")


class OAuth2ErrorBody(BaseModel):
    """An error of the token endpoint, RFC 6749 section 5.2 (for the OpenAPI document)."""

    error: str
    error_description: str | None = None


class PostCreate(BaseModel):
    """Body of POST /posts."""

    title: str = Field(min_length=1, max_length=TITLE_MAX_LENGTH)
    body: str = Field(min_length=1, max_length=10_000)


class PostRead(BaseModel):
    """A post as anyone signed in sees it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    author_id: int
    title: str
    body: str
    created_at: datetime
