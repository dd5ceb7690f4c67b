"""Day 19: the users CRUD refactored around dependencies; route bodies shrink to one idea."""

from typing import Any

from fastapi import FastAPI, HTTPException, Response, status

from dependencies import PaginationDep, StoreDep, UserDep
from models import User, UserCreate, UserPage, UserUpdate
from storage import EmailTakenError, UserStore

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No user has this id"}}


def save_or_409(store: UserStore, user_id: int, data: UserCreate) -> User:
    """Replace a user's fields, answering 409 if the email belongs to someone else."""
    try:
        return store.replace(user_id, data)
    except EmailTakenError:
        detail = f"Email {data.email} is already registered"
        raise HTTPException(status.HTTP_409_CONFLICT, detail=detail) from None


def create_app() -> FastAPI:
    """Build the app with its own empty store (one per test, one per server)."""
    app = FastAPI(title="DI API", version="1.0.0")
    app.state.store = UserStore()

    @app.post("/users", status_code=status.HTTP_201_CREATED)
    def create_user(user_in: UserCreate, store: StoreDep) -> User:
        """Create a user with the next id; 409 if the email is taken."""
        try:
            return store.add(user_in)
        except EmailTakenError:
            detail = f"Email {user_in.email} is already registered"
            raise HTTPException(status.HTTP_409_CONFLICT, detail=detail) from None

    @app.get("/users")
    def list_users(store: StoreDep, page: PaginationDep) -> UserPage:
        """Return one page of users; ?skip= and ?limit= are checked by get_pagination."""
        users = store.list()
        items = users[page.skip : page.skip + page.limit]
        return UserPage(items=items, total=len(users), skip=page.skip, limit=page.limit)

    @app.get("/users/{user_id}", responses=NOT_FOUND)
    def read_user(user: UserDep) -> User:
        """Return one user (get_user_by_id already answered 404 if needed)."""
        return user

    @app.put("/users/{user_id}", responses=NOT_FOUND)
    def replace_user(user: UserDep, user_in: UserCreate, store: StoreDep) -> User:
        """Replace every field of a user."""
        return save_or_409(store, user.id, user_in)

    @app.patch("/users/{user_id}", responses=NOT_FOUND)
    def update_user(user: UserDep, changes: UserUpdate, store: StoreDep) -> User:
        """Change only the fields sent."""
        merged = user.model_dump() | changes.model_dump(exclude_unset=True)
        return save_or_409(store, user.id, UserCreate.model_validate(merged))

    @app.delete("/users/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
    def delete_user(user: UserDep, store: StoreDep) -> Response:
        """Delete a user; 204 with no body."""
        store.delete(user.id)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return app


app = create_app()
