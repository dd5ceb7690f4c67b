"""User request and response models; UserRead has no password field at all."""

from datetime import datetime
from typing import Annotated

from pydantic import MISSING, AfterValidator, BaseModel, ConfigDict, EmailStr, Field

from app.schemas.common import Bio, FullName, Password, StrictModel, Username

# Emails are compared case-insensitively in practice, so they are stored lower-cased.
Email = Annotated[EmailStr, AfterValidator(str.lower)]


class UserCreate(StrictModel):
    """Sign-up data; the password is hashed with bcrypt before it is stored."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "username": "ada",
                    "email": "ada@example.com",
                    "password": "correct-horse-battery",
                    "full_name": "Ada Lovelace",
                    "bio": "Writes about analytical engines.",
                }
            ]
        }
    )

    username: Username = Field(
        description="3-30 letters, digits or underscores; unique whatever the letter case."
    )
    email: Email = Field(description="Unique, stored lower-cased.")
    password: Password = Field(description="8-72 characters; only its bcrypt hash is kept.")
    full_name: FullName | None = Field(default=None, description="Display name.")
    bio: Bio | None = Field(default=None, description="A short introduction.")


class UserUpdate(StrictModel):
    """A partial update: only the fields present in the body change. `username`, `email`
    and `password` may be left out but not set to null; `full_name` and `bio` may be null
    (cleared)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"bio": "Now also writes about Bernoulli numbers."}]}
    )

    # MISSING: the client left the field out (not the same as null). The JSON schema shows
    # the plain type, and an error's location is just the field's name.

    username: Username | MISSING = Field(default=MISSING, description="A new unique username.")
    email: Email | MISSING = Field(default=MISSING, description="A new unique email.")
    password: Password | MISSING = Field(default=MISSING, description="A new password (re-hashed).")
    full_name: FullName | MISSING | None = Field(
        default=MISSING, description="Display name, or null."
    )
    bio: Bio | MISSING | None = Field(default=MISSING, description="Introduction, or null.")


class UserRead(BaseModel):
    """A user as the API shows it: never the password or its hash."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 1,
                    "username": "ada",
                    "email": "ada@example.com",
                    "full_name": "Ada Lovelace",
                    "bio": "Writes about analytical engines.",
                    "created_at": "2026-01-05T09:30:00Z",
                }
            ]
        },
    )

    id: int
    username: str
    email: str
    full_name: str | None
    bio: str | None
    created_at: datetime
