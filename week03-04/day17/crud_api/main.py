"""Day 17: users CRUD over an in-memory list, with the status codes REST expects."""

from typing import Any

from fastapi import APIRouter, FastAPI, HTTPException, Request, Response, status

from models import User, UserCreate, UserUpdate
from storage import EmailTakenError, UserNotFoundError, UserStore

Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"description": "No user has this id"}}
CONFLICT: Responses = {409: {"description": "Another user already has this email"}}

router = APIRouter(prefix="/users", tags=["users"])


def store_of(request: Request) -> UserStore:
    """The app's store, created by create_app (one per app, so each test starts empty)."""
    store: UserStore = request.app.state.store
    return store


def not_found(user_id: int) -> HTTPException:
    """The 404 every route answers for an unknown id: detail "User <id> not found"."""
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=f"User {user_id} not found")


def email_taken(email: object) -> HTTPException:
    """The 409 for an email in use: detail "Email <email> is already registered"."""
    return HTTPException(status.HTTP_409_CONFLICT, detail=f"Email {email} is already registered")


@router.post("", status_code=status.HTTP_201_CREATED, responses=CONFLICT)
def create_user(user_in: UserCreate, request: Request) -> User:
    """Create a user with the next id: 201, or 409 if the email is taken."""
    try:
        return store_of(request).add(user_in)
    except EmailTakenError:
        raise email_taken(user_in.email) from None


@router.get("")
def list_users(request: Request) -> list[User]:
    """List every user, oldest first."""
    return store_of(request).list()


@router.get("/{user_id}", responses=NOT_FOUND)
def read_user(user_id: int, request: Request) -> User:
    """Return one user, or 404."""
    try:
        return store_of(request).get(user_id)
    except UserNotFoundError:
        raise not_found(user_id) from None


@router.put("/{user_id}", responses=NOT_FOUND | CONFLICT)
def replace_user(user_id: int, user_in: UserCreate, request: Request) -> User:
    """Replace every field of a user: 404 if unknown, 409 if the email is taken."""
    try:
        return store_of(request).replace(user_id, user_in)
    except UserNotFoundError:
        raise not_found(user_id) from None
    except EmailTakenError:
        raise email_taken(user_in.email) from None


@router.patch("/{user_id}", responses=NOT_FOUND | CONFLICT)
def update_user(user_id: int, changes: UserUpdate, request: Request) -> User:
    """Change only the fields sent (the others keep their values): 404, or 409."""
    store = store_of(request)
    try:
        merged = store.get(user_id).model_dump() | changes.model_dump(exclude_unset=True)
        return store.replace(user_id, UserCreate.model_validate(merged))
    except UserNotFoundError:
        raise not_found(user_id) from None
    except EmailTakenError:
        raise email_taken(changes.email) from None


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
def delete_user(user_id: int, request: Request) -> Response:
    """Delete a user: 204 with an empty body, or 404."""
    try:
        store_of(request).delete(user_id)
    except UserNotFoundError:
        raise not_found(user_id) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def create_app() -> FastAPI:
    """Build the app around its own empty store (one per test, one per server)."""
    app = FastAPI(title="CRUD API", version="1.0.0")  # pragma: no mutate (docs title)
    app.state.store = UserStore()
    app.include_router(router)
    return app


app = create_app()
