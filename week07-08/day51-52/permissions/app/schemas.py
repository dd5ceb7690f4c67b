"""Request and response bodies. Passwords come in as SecretStr and never go out."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, SecretStr

from app.models import Role
from app.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

Email = Annotated[EmailStr, AfterValidator(str.lower)]
NewPassword = Annotated[
    SecretStr, Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_LENGTH)
]
Title = Annotated[str, Field(min_length=1, max_length=200)]
Body = Annotated[str, Field(max_length=10_000)]


class UserCreate(BaseModel):
    """Body of POST /register: every new account gets the role "user"."""

    model_config = ConfigDict(extra="forbid")  # no {"role": "admin"} smuggled in

    email: Email
    password: NewPassword


class UserRead(BaseModel):
    """A user as the API shows it: no password, no hash."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    role: Role
    is_active: bool


class Me(UserRead):
    """GET /users/me: the user and what their role may do right now."""

    permissions: list[str]


class UserUpdate(BaseModel):
    """Body of PATCH /admin/users/{user_id}: the fields to change."""

    model_config = ConfigDict(extra="forbid")

    role: Role | None = None
    is_active: bool | None = None


class Token(BaseModel):
    """Body of a successful POST /token (RFC 6749 5.1)."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int


class PostCreate(BaseModel):
    """Body of POST /posts; the author is the caller, never a field."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    body: Body = ""


class PostUpdate(BaseModel):
    """Body of PATCH /posts/{post_id}: the fields to change."""

    model_config = ConfigDict(extra="forbid")  # author_id cannot be changed this way

    title: Title | None = None
    body: Body | None = None


class PostRead(BaseModel):
    """A post as the API shows it."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    author_id: int
    title: str
    body: str


class PermissionRead(BaseModel):
    """A permission and what it allows."""

    model_config = ConfigDict(from_attributes=True)

    name: str
    description: str
