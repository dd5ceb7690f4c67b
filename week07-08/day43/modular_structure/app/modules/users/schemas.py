"""The shapes users cross the module's border in: a body in, a read model out."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, StringConstraints

FullName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class UserCreate(BaseModel):
    """Body of POST /users."""

    email: EmailStr
    full_name: FullName


class UserRead(BaseModel):
    """A user as the API, and every other module, sees one."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    full_name: str
    created_at: datetime
