"""User queries: create with a hashed password, read, list, update, delete."""

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.crud.integrity import constraint_name
from app.crud.pagination import PageData, PageRequest, SortKey, fetch_page, parse_int
from app.errors import ConflictError, NotFoundError
from app.models import User
from app.schemas.user import UserCreate, UserRead, UserUpdate

_UNIQUE_MESSAGES = {
    "uq_users_username": "Username {username!r} is already taken",
    "uq_users_email": "Email {email!r} is already registered",
}
_USER_COLUMNS = (
    User.id,
    User.username,
    User.email,
    User.full_name,
    User.bio,
    User.created_at,
)
_BY_ID = SortKey("id", User.id, User.id, descending=False, parse=parse_int)


def _commit_or_conflict(db: Session, values: dict[str, Any]) -> None:
    """Commit, turning a unique-constraint violation into a ConflictError."""
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        template = _UNIQUE_MESSAGES.get(constraint_name(error) or "")
        if template is None:
            raise
        raise ConflictError(template.format_map(values)) from error


def create_user(db: Session, user_in: UserCreate, hashed_password: str) -> UserRead:
    """Insert a user with the hash of their password (hashed by the caller, off this thread)."""
    fields = user_in.model_dump(exclude={"password"})
    user = User(**fields, hashed_password=hashed_password)
    db.add(user)
    _commit_or_conflict(db, fields)
    return UserRead.model_validate(user)


def _load_user(db: Session, user_id: int) -> User:
    """The ORM user, or NotFoundError."""
    user = db.get(User, user_id)
    if user is None:
        raise NotFoundError("User", user_id)
    return user


def get_user(db: Session, user_id: int) -> UserRead:
    """One user (as the API shows it) or NotFoundError."""
    return UserRead.model_validate(_load_user(db, user_id))


def ensure_user_exists(db: Session, user_id: int) -> None:
    """Raise NotFoundError unless the user exists (one cheap primary-key lookup)."""
    if db.execute(select(User.id).where(User.id == user_id)).first() is None:
        raise NotFoundError("User", user_id)


def list_users(db: Session, page: PageRequest) -> PageData:
    """Users in id order, one page at a time."""
    rows = select(*_USER_COLUMNS)
    count = select(func.count()).select_from(User)
    return fetch_page(db.connection(), rows, count, _BY_ID, page, dict)


def update_user(
    db: Session, user_id: int, changes: UserUpdate, hashed_password: str | None = None
) -> UserRead:
    """Apply the fields present in the body; a new password arrives already hashed."""
    user = _load_user(db, user_id)
    values = changes.model_dump(exclude_unset=True, exclude={"password"})
    if hashed_password is not None:
        user.hashed_password = hashed_password
    for field, value in values.items():
        setattr(user, field, value)
    _commit_or_conflict(db, {"username": user.username, "email": user.email})
    return UserRead.model_validate(user)


def delete_user(db: Session, user_id: int) -> None:
    """Delete a user; PostgreSQL cascades to their posts and comments."""
    deleted = db.execute(delete(User).where(User.id == user_id).returning(User.id)).first()
    if deleted is None:
        raise NotFoundError("User", user_id)
    db.commit()
