"""The user schemas: what a client sends to create, replace or patch, and what it reads."""

from typing import Annotated, Any

from pydantic import BaseModel, EmailStr, Field, field_validator

Name = Annotated[str, Field(min_length=1, max_length=100)]
Age = Annotated[int, Field(gt=0, le=150)]


class UserCreate(BaseModel):
    """The body of POST and PUT: every field is required."""

    name: Name
    email: EmailStr
    age: Age


class UserUpdate(BaseModel):
    """The body of PATCH: every field is optional, only the ones sent change."""

    name: Name | None = None
    email: EmailStr | None = None
    age: Age | None = None

    @field_validator("name", "email", "age", mode="before")
    @classmethod
    def not_null(cls, value: Any) -> Any:
        """A field may be left out of a PATCH, but not set to null."""
        if value is None:
            raise ValueError("may be left out, but not set to null")
        return value


class User(UserCreate):
    """A stored user, as the API returns it."""

    id: int
