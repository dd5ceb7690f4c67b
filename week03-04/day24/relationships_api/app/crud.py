"""Database work for users and posts; every read says up front which relations it loads."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from app.models import Post, User
from app.schemas import PostCreate, UserCreate

EMAIL_CONSTRAINT = "uq_users_email"
AUTHOR_CONSTRAINT = "fk_posts_user_id_users"


class EmailTaken(Exception):
    """Another user already has this email."""

    def __init__(self, email: str) -> None:
        super().__init__(f"A user with email {email} already exists")


class UserNotFound(Exception):
    """No user has this id."""

    def __init__(self, user_id: int) -> None:
        super().__init__(f"User {user_id} not found")


def violated_constraint(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL reported (psycopg2 puts it in diag)."""
    name = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    return name if isinstance(name, str) else None


def _commit(db: Session, errors: dict[str, Exception]) -> None:
    """Commit; a violated constraint named in `errors` raises the matching domain error."""
    try:
        db.commit()
    except IntegrityError as error:
        db.rollback()
        domain_error = errors.get(violated_constraint(error) or "")
        if domain_error is not None:
            raise domain_error from error
        raise


def create_user(db: Session, user_in: UserCreate) -> User:
    """Insert a user; EmailTaken if the email is registered already."""
    user = User(email=user_in.email, name=user_in.name)
    db.add(user)
    _commit(db, {EMAIL_CONSTRAINT: EmailTaken(user_in.email)})
    db.refresh(user)
    return user


def create_post(db: Session, post_in: PostCreate) -> Post:
    """Insert a post; UserNotFound if the foreign key finds no such author."""
    post = Post(title=post_in.title, content=post_in.content, user_id=post_in.user_id)
    db.add(post)
    # The foreign key, not a lookup beforehand, decides: the author cannot vanish in between.
    _commit(db, {AUTHOR_CONSTRAINT: UserNotFound(post_in.user_id)})
    db.refresh(post)
    return post


def get_user_with_posts(db: Session, user_id: int) -> User:
    """One user and their posts in two queries: the user, then every post (selectinload)."""
    query = select(User).where(User.id == user_id).options(selectinload(User.posts))
    user = db.scalars(query).one_or_none()
    if user is None:
        raise UserNotFound(user_id)
    return user


def list_users_with_posts(db: Session, *, skip: int = 0, limit: int = 100) -> Sequence[User]:
    """A page of users and all their posts: two queries however many users or posts."""
    query = select(User).options(selectinload(User.posts)).order_by(User.id)
    return db.scalars(query.offset(skip).limit(limit)).all()


def list_posts_with_owners(db: Session, *, skip: int = 0, limit: int = 100) -> Sequence[Post]:
    """A page of posts with their authors in one query: a JOIN (joinedload)."""
    query = select(Post).options(joinedload(Post.owner)).order_by(Post.id)
    return db.scalars(query.offset(skip).limit(limit)).all()


def delete_user(db: Session, user_id: int) -> None:
    """Delete a user; PostgreSQL deletes their posts (ON DELETE CASCADE)."""
    user = db.get(User, user_id)
    if user is None:
        raise UserNotFound(user_id)
    db.delete(user)
    db.commit()
