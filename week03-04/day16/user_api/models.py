"""Request and response models: what a client may send, and what it gets back."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator


class UserBase(BaseModel):
    """The fields a client both sends and receives."""

    email: EmailStr
    age: Annotated[int, Field(gt=0, le=150, description="Age in whole years")]


class UserCreate(UserBase):
    """The body of POST /users: the only model that carries a password."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"email": "ada@example.com", "password": "s3cret-pass", "age": 36}]
        }
    )

    password: Annotated[str, Field(min_length=8, max_length=128)]

    @field_validator("password")
    @classmethod
    def password_has_letter_and_digit(cls, password: str) -> str:
        """Reject passwords made only of letters or only of digits."""
        if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
            raise ValueError("password must contain at least one letter and one digit")
        return password


class UserResponse(UserBase):
    """What the API returns for a user: no password field, so none can leak."""

    id: int
