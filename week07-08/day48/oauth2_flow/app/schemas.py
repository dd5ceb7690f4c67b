"""Request and response bodies. Passwords come in as SecretStr and never go out."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, SecretStr

from app.models import NOTE_MAX_LENGTH
from app.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

# One case for emails, so Ada@Example.com and ada@example.com are one account.
Email = Annotated[EmailStr, AfterValidator(str.lower)]
# SecretStr: a logged or printed model shows '**********', never the password.
NewPassword = Annotated[
    SecretStr, Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)
]


class UserCreate(BaseModel):
    """Body of POST /register (JSON: registration is not part of OAuth2)."""

    email: Email
    password: NewPassword


class UserRead(BaseModel):
    """A user as the API shows it: no password, no hash."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    created_at: datetime


class TokenResponse(BaseModel):
    """A successful token response, RFC 6749 section 5.1."""

    access_token: str
    token_type: Literal["bearer"]
    expires_in: int = Field(description="Seconds until the access token expires")


class OAuth2ErrorBody(BaseModel):
    """An error of the token endpoint, RFC 6749 section 5.2 (for the OpenAPI document)."""

    error: str
    error_description: str | None = None


class NoteCreate(BaseModel):
    """Body of POST /notes."""

    text: str = Field(min_length=1, max_length=NOTE_MAX_LENGTH)


class NoteRead(BaseModel):
    """A note as its owner sees it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    text: str
    created_at: datetime
