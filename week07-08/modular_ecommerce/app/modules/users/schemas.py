"""The shapes users answers and accepts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

MAX_URL = 2_048


def no_credentials(url: HttpUrl) -> HttpUrl:
    """A picture URL never carries a user name or password."""
    if url.username or url.password:
        raise ValueError("a picture URL must not contain credentials")
    return url


DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
PictureUrl = Annotated[HttpUrl, Field(max_length=MAX_URL), AfterValidator(no_credentials)]


class ProfileUpdate(BaseModel):
    """Body of PUT /users/me: the whole profile (a field left out is cleared)."""

    model_config = ConfigDict(extra="forbid")

    display_name: DisplayName | None = Field(default=None, examples=["Ada L."])
    bio: str | None = Field(default=None, max_length=500, examples=["I buy keyboards."])
    avatar_url: PictureUrl | None = Field(
        default=None,
        description="An http(s) URL of a picture; other schemes are refused.",
        examples=["https://example.com/ada.png"],
    )


class PublicProfile(BaseModel):
    """What anyone may see of a user."""

    id: int
    display_name: str | None
    bio: str | None
    avatar_url: str | None
    member_since: datetime


class MeRead(PublicProfile):
    """What a user sees of themselves."""

    email: str
    email_verified: bool
    role: str


class UserSummary(BaseModel):
    """A user in an admin's search results."""

    id: int
    email: str
    role: str
    banned: bool
    email_verified: bool
    display_name: str | None
    created_at: datetime
