"""The users routes: each takes what it needs from dependencies.py and does one thing."""

from typing import Any

from fastapi import APIRouter, HTTPException, Response, status

from dependencies import PaginationDep, StoreDep, UserDep
from models import User, UserCreate, UserPage, UserUpdate
from storage import EmailTakenError, UserStore

router = APIRouter(prefix="/users", tags=["users"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No user has this id"}}


def email_taken(email: object) -> HTTPException:
    """The 409 answered when an email is already in use."""
    return HTTPException(status.HTTP_409_CONFLICT, detail=f"Email {email} is already registered")


def save_or_409(store: UserStore, user_id: int, data: UserCreate) -> User:
    """Replace a user's fields, answering 409 if the email belongs to someone else."""
    try:
        return store.replace(user_id, data)
    except EmailTakenError:
        raise email_taken(data.email) from None


@router.post("", status_code=status.HTTP_201_CREATED)
def create_user(user_in: UserCreate, store: StoreDep) -> User:
    """Create a user with the next id; 409 if the email is taken."""
    try:
        return store.add(user_in)
    except EmailTakenError:
        raise email_taken(user_in.email) from None


@router.get("")
def list_users(store: StoreDep, page: PaginationDep) -> UserPage:
    """Return one page of users: page.limit users after the first page.skip, and the total."""
    users = store.list()
    items = users[page.skip : page.skip + page.limit]
    return UserPage(items=items, total=len(users), skip=page.skip, limit=page.limit)


@router.get("/{user_id}", responses=NOT_FOUND)
def read_user(user: UserDep) -> User:
    """Return one user (get_user_by_id has already answered 404 if needed)."""
    return user


@router.put("/{user_id}", responses=NOT_FOUND)
def replace_user(user: UserDep, user_in: UserCreate, store: StoreDep) -> User:
    """Replace every field of a user; 409 if the email is taken."""
    return save_or_409(store, user.id, user_in)


@router.patch("/{user_id}", responses=NOT_FOUND)
def update_user(user: UserDep, changes: UserUpdate, store: StoreDep) -> User:
    """Change only the fields sent; 409 if the email is taken."""
    merged = user.model_dump() | changes.model_dump(exclude_unset=True)
    return save_or_409(store, user.id, UserCreate.model_validate(merged))


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
def delete_user(user: UserDep, store: StoreDep) -> Response:
    """Delete a user; 204 with no body."""
    store.delete(user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
