"""The user schemas and the record of a sent email."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, EmailStr, Field


class UserCreate(BaseModel):
    """The body of POST /users."""

    name: Annotated[str, Field(min_length=1, max_length=100)]
    email: EmailStr


class User(UserCreate):
    """A stored user."""

    id: int


class SentEmail(BaseModel):
    """One email the simulated mailer has "sent"."""

    to: EmailStr
    subject: str
    body: str
    sent_at: datetime
