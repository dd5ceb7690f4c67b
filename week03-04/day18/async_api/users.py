"""Day 17's users CRUD, every route now an async def."""

from fastapi import APIRouter, HTTPException, Request, Response, status

from models import User, UserCreate, UserUpdate
from storage import EmailTakenError, UserNotFoundError, UserStore

router = APIRouter(prefix="/users", tags=["users"])


def store_of(request: Request) -> UserStore:
    """The app's store, created by create_app."""
    store: UserStore = request.app.state.store
    return store


def not_found(user_id: int) -> HTTPException:
    """The 404 every route answers for an unknown id."""
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=f"User {user_id} not found")


def email_taken(email: object) -> HTTPException:
    """The 409 answered when an email is already in use."""
    return HTTPException(status.HTTP_409_CONFLICT, detail=f"Email {email} is already registered")


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_user(user_in: UserCreate, request: Request) -> User:
    """Create a user with the next id: 201, or 409 if the email is taken."""
    try:
        return store_of(request).add(user_in)
    except EmailTakenError:
        raise email_taken(user_in.email) from None


@router.get("")
async def list_users(request: Request) -> list[User]:
    """List every user, oldest first."""
    return store_of(request).list()


@router.get("/{user_id}")
async def read_user(user_id: int, request: Request) -> User:
    """Return one user, or 404 if no user has this id."""
    try:
        return store_of(request).get(user_id)
    except UserNotFoundError:
        raise not_found(user_id) from None


@router.put("/{user_id}")
async def replace_user(user_id: int, user_in: UserCreate, request: Request) -> User:
    """Replace every field of a user: 404 if unknown, 409 if the email is taken."""
    try:
        return store_of(request).replace(user_id, user_in)
    except UserNotFoundError:
        raise not_found(user_id) from None
    except EmailTakenError:
        raise email_taken(user_in.email) from None


@router.patch("/{user_id}")
async def update_user(user_id: int, changes: UserUpdate, request: Request) -> User:
    """Change only the fields sent: 404 if unknown, 409 if the email is taken."""
    store = store_of(request)
    try:
        merged = store.get(user_id).model_dump() | changes.model_dump(exclude_unset=True)
        return store.replace(user_id, UserCreate.model_validate(merged))
    except UserNotFoundError:
        raise not_found(user_id) from None
    except EmailTakenError:
        raise email_taken(changes.email) from None


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_user(user_id: int, request: Request) -> Response:
    """Delete a user: 204 with no body, or 404."""
    try:
        store_of(request).delete(user_id)
    except UserNotFoundError:
        raise not_found(user_id) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)
