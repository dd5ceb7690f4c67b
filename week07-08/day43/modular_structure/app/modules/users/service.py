"""The users module's public interface: what the router and other modules may ask of users."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.modules.users.exceptions import EmailTaken, UserNotFound
from app.modules.users.models import User
from app.modules.users.repository import UserRepository
from app.modules.users.schemas import UserCreate, UserRead
from app.shared.utils import atomic


def normalise_email(email: str) -> str:
    """One spelling per address: "Ada@Example.COM" and "ada@example.com" are one user."""
    return email.strip().lower()


class UserService:
    """User use cases. It returns read models, so no caller ever holds a User row."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.users = UserRepository(session)

    def register(self, user_in: UserCreate) -> UserRead:
        """Store a new user (one commit); EmailTaken if the email is registered."""
        email = normalise_email(user_in.email)
        with atomic(self.session):
            if self.users.get_by_email(email) is not None:
                raise EmailTaken(email)
            user = User(email=email, full_name=user_in.full_name)
            self.users.add(user)
        return UserRead.model_validate(user)

    def get(self, user_id: int) -> UserRead:
        """The user with this id; UserNotFound. Reads only, so it joins any caller's work."""
        user = self.users.get(user_id)
        if user is None:
            raise UserNotFound(user_id)
        return UserRead.model_validate(user)
