"""The shapes auth's data crosses its border in: requests, answers, and the Principal that
every other module receives for the authenticated caller."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from app.modules.auth.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

TokenText = Annotated[str, StringConstraints(min_length=1, max_length=4_096)]
RoleName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{1,49}$")]
PermissionName = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,30}:[a-z_]{1,30}$")]


@dataclass(frozen=True)
class Principal:
    """The authenticated caller of this request, as every module sees it."""

    id: int
    email: str
    role: str
    permissions: frozenset[str]
    session_id: uuid.UUID
    email_verified: bool

    def can(self, permission: str) -> bool:
        """Whether the caller's role holds `permission`."""
        return permission in self.permissions


class RegisterIn(BaseModel):
    """Body of POST /auth/register."""

    model_config = ConfigDict(extra="forbid")

    email: EmailStr = Field(max_length=254, examples=["ada@example.com"])
    password: str = Field(
        min_length=MIN_PASSWORD_LENGTH,
        max_length=MAX_PASSWORD_LENGTH,
        description=f"{MIN_PASSWORD_LENGTH}-{MAX_PASSWORD_LENGTH} characters, never truncated.",
        examples=["correct horse battery staple"],
    )


class AccountRead(BaseModel):
    """An account as auth answers it (never its password hash)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    email_verified: bool
    role: str
    banned: bool
    created_at: datetime


class TokenResponse(BaseModel):
    """A successful token request (RFC 6749, 5.1)."""

    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_token: str
    refresh_expires_in: int = Field(description="Seconds until the refresh token expires.")


class RefreshTokenIn(BaseModel):
    """Body of POST /auth/logout."""

    model_config = ConfigDict(extra="forbid")

    refresh_token: TokenText


class VerifyEmailIn(BaseModel):
    """Body of POST /auth/verify-email: the token from the verification mail."""

    model_config = ConfigDict(extra="forbid")

    token: TokenText


class RoleRead(BaseModel):
    """A role and the names of its permissions."""

    name: str
    description: str
    permissions: list[str]


class PermissionRead(BaseModel):
    """A permission that roles may hold."""

    name: str
    description: str
