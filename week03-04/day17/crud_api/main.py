"""Day 17: users CRUD over an in-memory list, with the status codes REST expects."""

from typing import Any

from fastapi import FastAPI, HTTPException, Response, status

from models import User, UserCreate, UserUpdate
from storage import EmailTakenError, UserNotFoundError, UserStore

Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"description": "No user has this id"}}
CONFLICT: Responses = {409: {"description": "Another user already has this email"}}


def not_found(user_id: int) -> HTTPException:
    """The 404 every route answers for an unknown id."""
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=f"User {user_id} not found")


def email_taken(email: str) -> HTTPException:
    """The 409 answered when an email is already in use."""
    return HTTPException(status.HTTP_409_CONFLICT, detail=f"Email {email} is already registered")


def create_app() -> FastAPI:
    """Build the app around its own empty store (one per test, one per server)."""
    app = FastAPI(title="CRUD API", version="1.0.0")
    store = UserStore()

    @app.post("/users", status_code=status.HTTP_201_CREATED, responses=CONFLICT)
    def create_user(user_in: UserCreate) -> User:
        """Create a user with the next id."""
        try:
            return store.add(user_in)
        except EmailTakenError:
            raise email_taken(user_in.email) from None

    @app.get("/users")
    def list_users() -> list[User]:
        """List every user."""
        return store.list()

    @app.get("/users/{user_id}", responses=NOT_FOUND)
    def read_user(user_id: int) -> User:
        """Return one user."""
        try:
            return store.get(user_id)
        except UserNotFoundError:
            raise not_found(user_id) from None

    @app.put("/users/{user_id}", responses=NOT_FOUND | CONFLICT)
    def replace_user(user_id: int, user_in: UserCreate) -> User:
        """Replace every field of a user."""
        try:
            return store.replace(user_id, user_in)
        except UserNotFoundError:
            raise not_found(user_id) from None
        except EmailTakenError:
            raise email_taken(user_in.email) from None

    @app.patch("/users/{user_id}", responses=NOT_FOUND | CONFLICT)
    def update_user(user_id: int, changes: UserUpdate) -> User:
        """Change only the fields sent; the others keep their values."""
        try:
            current = store.get(user_id)
            merged = current.model_dump() | changes.model_dump(exclude_unset=True)
            return store.replace(user_id, UserCreate.model_validate(merged))
        except UserNotFoundError:
            raise not_found(user_id) from None
        except EmailTakenError:
            raise email_taken(str(changes.email)) from None

    @app.delete("/users/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
    def delete_user(user_id: int) -> Response:
        """Delete a user; the 204 answer has no body."""
        try:
            store.delete(user_id)
        except UserNotFoundError:
            raise not_found(user_id) from None
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return app


app = create_app()
