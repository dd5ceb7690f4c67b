"""User request and response models; UserRead has no password field at all."""

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, field_validator
from pydantic.json_schema import SkipJsonSchema

from app.schemas.common import Bio, FullName, Password, StrictModel, Username, reject_null

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

    username: Username = Field(description="3-30 letters, digits or underscores; unique.")
    email: Email = Field(description="Unique, stored lower-cased.")
    password: Password = Field(description="8-72 characters; only its bcrypt hash is kept.")
    full_name: FullName | None = Field(default=None, description="Display name.")
    bio: Bio | None = Field(default=None, description="A short introduction.")


class UserUpdate(StrictModel):
    """A partial update: only the fields present in the body change."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"bio": "Now also writes about Bernoulli numbers."}]}
    )

    # Omittable but not nullable: the schema hides None, the validator refuses an explicit null.
    username: Username | SkipJsonSchema[None] = Field(
        default=None, description="A new unique username."
    )
    email: Email | SkipJsonSchema[None] = Field(default=None, description="A new unique email.")
    password: Password | SkipJsonSchema[None] = Field(
        default=None, description="A new password (re-hashed)."
    )
    full_name: FullName | None = Field(default=None, description="Display name, or null.")
    bio: Bio | None = Field(default=None, description="Introduction, or null.")

    _not_null = field_validator("username", "email", "password")(reject_null)


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
