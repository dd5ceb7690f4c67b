"""Request and response bodies. Passwords come in as SecretStr and never go out."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, SecretStr

from app.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

Email = Annotated[EmailStr, AfterValidator(str.lower)]
NewPassword = Annotated[
    SecretStr, Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)
]
# A refresh token is 43 characters; the bound refuses megabytes of junk before hashing.
RefreshTokenText = Annotated[str, Field(min_length=1, max_length=1024)]


class UserCreate(BaseModel):
    """Body of POST /register."""

    email: Email
    password: NewPassword


class UserRead(BaseModel):
    """A user as the API shows it: no password, no hash."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    created_at: datetime


class TokenResponse(BaseModel):
    """Body of a login or a refresh (RFC 6749 5.1, plus the refresh token)."""

    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires")


class RefreshRequest(BaseModel):
    """Body of POST /token/refresh and POST /token/revoke."""

    model_config = ConfigDict(extra="forbid")

    refresh_token: RefreshTokenText


class OAuth2ErrorBody(BaseModel):
    """A token endpoint's error, RFC 6749 5.2 (for the OpenAPI document)."""

    error: str
    error_description: str
